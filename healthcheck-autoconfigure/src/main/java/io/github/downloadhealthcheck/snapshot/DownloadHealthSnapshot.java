package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;

/**
 * The results of one refresh, one per layer, taken together so that every probe and every
 * gauge reads the same consistent view.
 *
 * @param results one result per checked layer
 * @param takenAt when the refresh finished
 * @param sequence number of the refresh that produced it, starting at 1
 * @param duration how long the refresh took, from its start to its last result
 */
public record DownloadHealthSnapshot(Map<Layer, CheckResult> results, Instant takenAt, long sequence,
		Duration duration) {

	/**
	 * Creates a snapshot; the map is copied.
	 */
	public DownloadHealthSnapshot {
		results = Collections.unmodifiableMap(new EnumMap<>(results));
	}

	/**
	 * Age of this snapshot.
	 * @param now the current time
	 * @return how long ago it was taken, never negative
	 */
	public Duration age(Instant now) {
		Duration age = Duration.between(this.takenAt, now);
		return age.isNegative() ? Duration.ZERO : age;
	}

}
