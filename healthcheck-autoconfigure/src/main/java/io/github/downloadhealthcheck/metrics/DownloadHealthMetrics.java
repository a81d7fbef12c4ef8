package io.github.downloadhealthcheck.metrics;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

/**
 * Publishes the snapshots as meters:
 * <ul>
 * <li>{@code download.healthcheck.status{check}}: 1 when the layer is up, 0 when down, NaN
 * when not checked;</li>
 * <li>{@code download.healthcheck.duration{check,outcome}}: how long each check took;</li>
 * <li>{@code download.healthcheck.last.success{check}}: when the layer was last up, seconds
 * since the epoch;</li>
 * <li>{@code download.healthcheck.snapshot.age}: age of the snapshot probes are answered
 * from;</li>
 * <li>{@code download.healthcheck.refresh}: how long one refresh of all the checks took; its
 * count is the number of refreshes, whatever the number of probes.</li>
 * </ul>
 * Gauges read the monitor the same way the health endpoint does, so a stale snapshot shows as
 * down in both.
 */
public final class DownloadHealthMetrics implements MeterBinder, AutoCloseable {

	/** Name of the per-layer status gauge. */
	public static final String STATUS = "download.healthcheck.status";

	/** Name of the per-check timer. */
	public static final String DURATION = "download.healthcheck.duration";

	/** Name of the per-layer last success time gauge. */
	public static final String LAST_SUCCESS = "download.healthcheck.last.success";

	/** Name of the snapshot age gauge. */
	public static final String SNAPSHOT_AGE = "download.healthcheck.snapshot.age";

	/** Name of the timer of whole refreshes. */
	public static final String REFRESH = "download.healthcheck.refresh";

	private final DownloadHealthMonitor monitor;

	private final Clock clock;

	private final Map<Layer, AtomicLong> lastSuccessMillis = new EnumMap<>(Layer.class);

	private volatile @Nullable Disposable subscription;

	/**
	 * Creates the binder.
	 * @param monitor the monitor read by the gauges
	 * @param clock measures the snapshot's age
	 */
	public DownloadHealthMetrics(DownloadHealthMonitor monitor, Clock clock) {
		this.monitor = monitor;
		this.clock = clock;
		for (Layer layer : Layer.values()) {
			this.lastSuccessMillis.put(layer, new AtomicLong());
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// Registered before the first refresh so that its count starts at 0, not missing.
		refreshTimer(registry);
		this.subscription = this.monitor.snapshots().subscribe((snapshot) -> record(snapshot, registry));
		for (Layer layer : Layer.values()) {
			Gauge.builder(STATUS, this, (metrics) -> metrics.statusValue(layer))
				.tag("check", layer.id())
				.description("Whether the layer of the download chain works: 1 up, 0 down, NaN not checked")
				.strongReference(true)
				.register(registry);
			TimeGauge.builder(LAST_SUCCESS, this.lastSuccessMillis.get(layer), TimeUnit.MILLISECONDS, AtomicLong::get)
				.tag("check", layer.id())
				.description("When the layer was last found up, since the epoch; 0 before the first success")
				.strongReference(true)
				.register(registry);
		}
		TimeGauge.builder(SNAPSHOT_AGE, this, TimeUnit.MILLISECONDS, DownloadHealthMetrics::snapshotAgeMillis)
			.description("Age of the download health snapshot that probes are answered from")
			.strongReference(true)
			.register(registry);
	}

	private static Timer refreshTimer(MeterRegistry registry) {
		return Timer.builder(REFRESH)
			.description("How long one refresh of all the download checks took; they run concurrently")
			.register(registry);
	}

	private double statusValue(Layer layer) {
		CheckResult result = this.monitor.latest().isPresent() ? this.monitor.result(layer) : null;
		if (result == null) {
			return Double.NaN;
		}
		return switch (result.status()) {
			case UP -> 1;
			case DOWN -> 0;
			case UNKNOWN -> Double.NaN;
		};
	}

	private double snapshotAgeMillis() {
		return this.monitor.latest()
			.map((snapshot) -> (double) snapshot.age(this.clock.instant()).toMillis())
			.orElse(Double.NaN);
	}

	private void record(DownloadHealthSnapshot snapshot, MeterRegistry registry) {
		refreshTimer(registry).record(snapshot.duration());
		for (CheckResult result : snapshot.results().values()) {
			if (result.isUp()) {
				this.lastSuccessMillis.get(result.layer()).set(result.checkedAt().toEpochMilli());
			}
			Timer.builder(DURATION)
				.tag("check", result.layer().id())
				.tag("outcome", result.status().name())
				.description("How long one check of a layer of the download chain took")
				.register(registry)
				.record(result.duration());
		}
	}

	@Override
	public void close() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
	}

}
