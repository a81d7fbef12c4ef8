package io.github.downloadhealthcheck.health;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

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

	private final AtomicReference<@Nullable Rendered> last = new AtomicReference<>();

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
		// Probes hit this far more often than results change: build the details once per
		// result.
		Rendered rendered = this.last.get();
		if (rendered == null || rendered.result() != result) {
			rendered = new Rendered(result, Health.status(statusOf(result)).withDetails(result.details()).build());
			this.last.set(rendered);
		}
		return rendered.health();
	}

	/**
	 * A result and the health built from it.
	 */
	private record Rendered(CheckResult result, Health health) {
	}

	static Status statusOf(CheckResult result) {
		return switch (result.status()) {
			case UP -> Status.UP;
			case DOWN -> Status.DOWN;
			case UNKNOWN -> Status.UNKNOWN;
		};
	}

}
