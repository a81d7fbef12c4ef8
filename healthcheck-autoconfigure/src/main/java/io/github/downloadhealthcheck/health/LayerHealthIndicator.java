package io.github.downloadhealthcheck.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;

/**
 * Health of one layer, read from the monitor's snapshot: cheap, never blocking on a check
 * (except for the very first result, bounded by the check timeout).
 */
public final class LayerHealthIndicator implements HealthIndicator {

	private final DownloadHealthMonitor monitor;

	private final Layer layer;

	/**
	 * Creates the indicator.
	 * @param monitor holds the snapshot
	 * @param layer the layer reported
	 */
	public LayerHealthIndicator(DownloadHealthMonitor monitor, Layer layer) {
		this.monitor = monitor;
		this.layer = layer;
	}

	@Override
	public Health health() {
		CheckResult result = this.monitor.result(this.layer);
		return Health.status(statusOf(result)).withDetails(result.details()).build();
	}

	static Status statusOf(CheckResult result) {
		return switch (result.status()) {
			case UP -> Status.UP;
			case DOWN -> Status.DOWN;
			case UNKNOWN -> Status.UNKNOWN;
		};
	}

}
