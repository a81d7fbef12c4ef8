package io.github.downloadhealthcheck.metrics;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.core.Disposable;
import reactor.core.Disposables;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

/**
 * Publishes the snapshots as meters:
 * <ul>
 * <li>{@code download.healthcheck.status{layer}}: 1 when the layer is up, 0 when down,
 * NaN when not checked;</li>
 * <li>{@code download.healthcheck.duration{layer,outcome}}: how long each check
 * took;</li>
 * <li>{@code download.healthcheck.last.success{layer}}: when the layer was last up,
 * seconds since the epoch;</li>
 * <li>{@code download.healthcheck.snapshot.age}: age of the snapshot probes are answered
 * from;</li>
 * <li>{@code download.healthcheck.refresh}: how long one refresh of all the checks took;
 * its count is the number of refreshes, whatever the number of probes;</li>
 * <li>{@code download.healthcheck.finding{layer,finding}}: 1 while the layer reports that
 * security {@link Finding}, 0 when it does not, NaN before the first refresh; findings
 * never turn a layer down, so this gauge, not the status, is what to alert on.</li>
 * </ul>
 * Gauges read the monitor the same way the health endpoint does, so a stale snapshot
 * shows as down in both. The binder may be bound to any number of registries; each one
 * records every refresh until {@link #close()}.
 */
public final class DownloadHealthMetrics implements MeterBinder, AutoCloseable {

	/** Name of the per-layer status gauge. */
	public static final String STATUS = "download.healthcheck.status";

	/** Name of the per-layer, per-outcome check timer. */
	public static final String DURATION = "download.healthcheck.duration";

	/** Name of the per-layer last success time gauge. */
	public static final String LAST_SUCCESS = "download.healthcheck.last.success";

	/** Name of the snapshot age gauge. */
	public static final String SNAPSHOT_AGE = "download.healthcheck.snapshot.age";

	/** Name of the timer of whole refreshes. */
	public static final String REFRESH = "download.healthcheck.refresh";

	/** Name of the per-finding gauge. */
	public static final String FINDING = "download.healthcheck.finding";

	/** Tag naming a security finding, its {@link Finding#id()}. */
	public static final String FINDING_TAG = "finding";

	/** Tag naming the layer, its {@link Layer#id()}. */
	public static final String LAYER_TAG = "layer";

	/** Tag naming a check's outcome, a {@link CheckStatus} name. */
	public static final String OUTCOME_TAG = "outcome";

	private final DownloadHealthMonitor monitor;

	private final Clock clock;

	private final Tags tags;

	private final Map<Layer, AtomicLong> lastSuccessMillis;

	// One subscription per bound registry. Once disposed, it disposes whatever is added
	// later, so a bind racing with close() cannot leak a subscription.
	private final Disposable.Composite subscriptions = Disposables.composite();

	/**
	 * Creates the binder.
	 * @param monitor the monitor read by the gauges
	 * @param clock measures the snapshot's age
	 * @param tags added to every meter
	 */
	public DownloadHealthMetrics(DownloadHealthMonitor monitor, Clock clock, Iterable<Tag> tags) {
		this.monitor = monitor;
		this.clock = clock;
		this.tags = Tags.of(tags);
		Map<Layer, AtomicLong> lastSuccess = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			lastSuccess.put(layer, new AtomicLong());
		}
		this.lastSuccessMillis = Collections.unmodifiableMap(lastSuccess);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// Every meter is registered here, before the first refresh: counts start at 0
		// instead of missing, and recording a refresh looks nothing up.
		Timer refresh = Timer.builder(REFRESH)
			.tags(this.tags)
			.description("How long one refresh of all the download checks took; they run concurrently")
			.register(registry);
		Map<Layer, Map<CheckStatus, Timer>> durations = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			Tags layerTags = this.tags.and(LAYER_TAG, layer.id());
			Gauge.builder(STATUS, this, (metrics) -> metrics.statusValue(layer))
				.tags(layerTags)
				.description("Whether the layer of the download chain works: 1 up, 0 down, NaN not checked")
				.strongReference(true)
				.register(registry);
			TimeGauge.builder(LAST_SUCCESS, this.lastSuccessMillis.get(layer), TimeUnit.MILLISECONDS, AtomicLong::get)
				.tags(layerTags)
				.description("When the layer was last found up, since the epoch; 0 before the first success")
				.strongReference(true)
				.register(registry);
			Map<CheckStatus, Timer> byOutcome = new EnumMap<>(CheckStatus.class);
			for (CheckStatus outcome : CheckStatus.values()) {
				byOutcome.put(outcome,
						Timer.builder(DURATION)
							.tags(layerTags)
							.tag(OUTCOME_TAG, outcome.name())
							.description("How long one check of a layer of the download chain took")
							.register(registry));
			}
			durations.put(layer, byOutcome);
		}
		for (Finding finding : Finding.values()) {
			Gauge.builder(FINDING, this, (metrics) -> metrics.findingValue(finding))
				.tags(this.tags)
				.tag(LAYER_TAG, finding.layer().id())
				.tag(FINDING_TAG, finding.id())
				.description("Whether the layer reports this security finding: 1 yes, 0 no; never a DOWN status")
				.strongReference(true)
				.register(registry);
		}
		TimeGauge.builder(SNAPSHOT_AGE, this, TimeUnit.MILLISECONDS, DownloadHealthMetrics::snapshotAgeMillis)
			.tags(this.tags)
			.description("Age of the download health snapshot that probes are answered from")
			.strongReference(true)
			.register(registry);
		RegistryTimers timers = new RegistryTimers(refresh, durations);
		this.subscriptions.add(this.monitor.snapshots().subscribe((snapshot) -> record(snapshot, timers)));
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

	private double findingValue(Finding finding) {
		return this.monitor.latest()
			.map((snapshot) -> snapshot.results().get(finding.layer()))
			.map((result) -> (result.finding() != null && result.finding().finding() == finding) ? 1.0 : 0.0)
			.orElse(Double.NaN);
	}

	private double snapshotAgeMillis() {
		return this.monitor.latest()
			.map((snapshot) -> (double) snapshot.age(this.clock.instant()).toMillis())
			.orElse(Double.NaN);
	}

	private void record(DownloadHealthSnapshot snapshot, RegistryTimers timers) {
		timers.refresh().record(snapshot.duration());
		for (CheckResult result : snapshot.results().values()) {
			if (result.isUp()) {
				// Every bound registry's subscription sees the same snapshots, possibly
				// out of step with one another: never let a late one move the time back.
				Objects.requireNonNull(this.lastSuccessMillis.get(result.layer()))
					.accumulateAndGet(result.checkedAt().toEpochMilli(), Math::max);
			}
			Objects.requireNonNull(Objects.requireNonNull(timers.durations().get(result.layer())).get(result.status()))
				.record(result.duration());
		}
	}

	/**
	 * Stops recording refreshes in every registry this binder was bound to, and in any
	 * bound later. The gauges stay registered and keep reading the monitor.
	 */
	@Override
	public void close() {
		this.subscriptions.dispose();
	}

	/**
	 * The timers registered in one registry, recorded to on each refresh.
	 */
	private record RegistryTimers(Timer refresh, Map<Layer, Map<CheckStatus, Timer>> durations) {

	}

}
