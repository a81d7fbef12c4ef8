package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Times one run of a check and builds its result.
 */
final class ResultRecorder {

	private final Layer layer;

	private final String requested;

	private final Clock clock;

	private final long startNanos = System.nanoTime();

	ResultRecorder(Layer layer, String requested, Clock clock) {
		this.layer = layer;
		this.requested = requested;
		this.clock = clock;
	}

	CheckResult up(Map<String, Object> expected, Map<String, Object> seen) {
		return result(CheckStatus.UP, Symptom.NONE, null, expected, seen, Evidence.NONE);
	}

	CheckResult down(Symptom symptom, String reason, Map<String, Object> expected, Map<String, Object> seen,
			Evidence evidence) {
		return result(CheckStatus.DOWN, symptom, reason, expected, seen, evidence);
	}

	CheckResult unknown(Symptom symptom, String reason) {
		return result(CheckStatus.UNKNOWN, symptom, reason, Map.of(), Map.of(), Evidence.NONE);
	}

	private CheckResult result(CheckStatus status, Symptom symptom, @Nullable String reason,
			Map<String, Object> expected, Map<String, Object> seen, Evidence evidence) {
		return new CheckResult(this.layer, status, symptom, this.requested, expected, seen, reason,
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.clock.instant(), evidence, null, null);
	}

	/**
	 * Result for a check that failed with an exception or ran out of time.
	 */
	static CheckResult failed(LayerCheck check, Throwable error, Duration timeout, Duration took, Clock clock) {
		TransportFailures.Failure failure = TransportFailures.classify(error, check.requested(), timeout);
		return new CheckResult(check.layer(), CheckStatus.DOWN, failure.symptom(), check.requested(), Map.of(),
				Map.of(), failure.reason(), took, clock.instant(), failure.evidence(), null, null);
	}

}
