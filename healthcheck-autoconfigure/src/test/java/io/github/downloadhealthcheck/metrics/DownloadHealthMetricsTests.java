package io.github.downloadhealthcheck.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.internal.diagnosis.DiagnosisContext;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.FindingReport;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import io.github.downloadhealthcheck.snapshot.TestCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DownloadHealthMetrics}: the meters follow the monitor's refreshes, not
 * the number of times they are read, in every registry the binder is bound to.
 */
class DownloadHealthMetricsTests {

	private static final Duration CHECK_TAKES = Duration.ofMillis(50);

	/**
	 * Per layer: 1 status, 1 last success, 1 duration per outcome; plus snapshot age,
	 * refresh and one gauge per finding.
	 */
	private static final int METERS = Layer.values().length * (2 + CheckStatus.values().length) + 2
			+ Finding.values().length;

	@Test
	void refreshTimerCountsRefreshesAndRecordsEachSnapshotsDuration() throws Exception {
		List<TestCheck> checks = List.of(slowUp(Layer.STORAGE), slowUp(Layer.BACKEND), slowUp(Layer.PROXY),
				slowUp(Layer.END_TO_END));
		DownloadHealthMonitor monitor = monitor(checks);
		MeterRegistry registry = new SimpleMeterRegistry();
		try (DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(), Tags.empty())) {
			metrics.bindTo(registry);
			Timer refresh = registry.get(DownloadHealthMetrics.REFRESH).timer();
			assertThat(refresh.count()).isZero();
			DownloadHealthSnapshot first = monitor.refresh().get(5, TimeUnit.SECONDS);
			DownloadHealthSnapshot second = monitor.refresh().get(5, TimeUnit.SECONDS);
			// Reading the gauges many times runs no check.
			for (int i = 0; i < 100; i++) {
				registry.get(DownloadHealthMetrics.STATUS).tag("layer", "proxy").gauge().value();
			}
			assertThat(checks.stream().mapToInt(TestCheck::runs).sum()).isEqualTo(2 * Layer.values().length);
			await().untilAsserted(() -> assertThat(refresh.count()).isEqualTo(2));
			assertThat(first.duration()).isGreaterThanOrEqualTo(CHECK_TAKES);
			assertThat(refresh.totalTime(TimeUnit.NANOSECONDS))
				.isEqualTo((double) first.duration().plus(second.duration()).toNanos());
			assertThat(registry.get(DownloadHealthMetrics.STATUS).tag("layer", "proxy").gauge().value()).isEqualTo(1.0);
			assertThat(duration(registry, Layer.END_TO_END, CheckStatus.UP).count()).isEqualTo(2);
		}
	}

	@Test
	void everyBoundRegistryRecordsEveryRefreshUntilClosed() throws Exception {
		DownloadHealthMonitor monitor = monitor(List.of(TestCheck.up(Layer.STORAGE), TestCheck.up(Layer.BACKEND),
				TestCheck.down(Layer.PROXY, Symptom.CONNECTION_REFUSED), TestCheck.up(Layer.END_TO_END)));
		MeterRegistry one = new SimpleMeterRegistry();
		MeterRegistry two = new SimpleMeterRegistry();
		MeterRegistry witness = new SimpleMeterRegistry();
		DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(), Tags.empty());
		try (DownloadHealthMetrics witnessMetrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(),
				Tags.empty())) {
			metrics.bindTo(one);
			metrics.bindTo(two);
			witnessMetrics.bindTo(witness);
			assertThat(ids(one)).hasSize(METERS).containsExactlyInAnyOrderElementsOf(ids(two));
			monitor.refresh().get(5, TimeUnit.SECONDS);
			monitor.refresh().get(5, TimeUnit.SECONDS);
			for (MeterRegistry registry : List.of(one, two)) {
				await().untilAsserted(
						() -> assertThat(registry.get(DownloadHealthMetrics.REFRESH).timer().count()).isEqualTo(2));
				assertThat(duration(registry, Layer.STORAGE, CheckStatus.UP).count()).isEqualTo(2);
				assertThat(duration(registry, Layer.PROXY, CheckStatus.DOWN).count()).isEqualTo(2);
				assertThat(duration(registry, Layer.PROXY, CheckStatus.UP).count()).isZero();
				assertThat(registry.get(DownloadHealthMetrics.STATUS).tag("layer", "proxy").gauge().value())
					.isEqualTo(0.0);
				assertThat(registry.get(DownloadHealthMetrics.LAST_SUCCESS)
					.tag("layer", "storage")
					.timeGauge()
					.value(TimeUnit.MILLISECONDS))
					.isEqualTo((double) TestCheck.result(Layer.STORAGE, CheckStatus.UP, Symptom.NONE)
						.checkedAt()
						.toEpochMilli());
			}
			metrics.close();
			monitor.refresh().get(5, TimeUnit.SECONDS);
			// The witness, still bound, proves the third refresh was published to the
			// observers.
			await().untilAsserted(
					() -> assertThat(witness.get(DownloadHealthMetrics.REFRESH).timer().count()).isEqualTo(3));
			for (MeterRegistry registry : List.of(one, two)) {
				assertThat(registry.get(DownloadHealthMetrics.REFRESH).timer().count()).isEqualTo(2);
				assertThat(duration(registry, Layer.STORAGE, CheckStatus.UP).count()).isEqualTo(2);
				assertThat(duration(registry, Layer.PROXY, CheckStatus.DOWN).count()).isEqualTo(2);
			}
		}
	}

	@Test
	void extraTagsAppearOnEveryMeter() throws Exception {
		DownloadHealthMonitor monitor = monitor(List.of(TestCheck.up(Layer.STORAGE)));
		MeterRegistry registry = new SimpleMeterRegistry();
		try (DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(),
				Tags.of("application", "sample", "zone", "a"))) {
			metrics.bindTo(registry);
			monitor.refresh().get(5, TimeUnit.SECONDS);
			assertThat(registry.getMeters()).hasSize(METERS).allSatisfy((meter) -> {
				assertThat(meter.getId().getTag("application")).as(meter.getId().toString()).isEqualTo("sample");
				assertThat(meter.getId().getTag("zone")).as(meter.getId().toString()).isEqualTo("a");
			});
			assertThat(registry.get(DownloadHealthMetrics.STATUS)
				.tags("application", "sample", "zone", "a", "layer", "storage")
				.gauge()
				.value()).isEqualTo(1.0);
		}
	}

	@Test
	void durationTimersExistFromBindAndTheSameOnesRecordEachRefresh() throws Exception {
		DownloadHealthMonitor monitor = monitor(List.of(TestCheck.up(Layer.STORAGE), TestCheck.up(Layer.BACKEND),
				TestCheck.down(Layer.PROXY, Symptom.TIMEOUT), new TestCheck(Layer.END_TO_END, (check) -> Mono
					.just(TestCheck.result(Layer.END_TO_END, CheckStatus.UNKNOWN, Symptom.NOT_CONFIGURED)))));
		MeterRegistry registry = new SimpleMeterRegistry();
		try (DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(), Tags.empty())) {
			metrics.bindTo(registry);
			for (Layer layer : Layer.values()) {
				for (CheckStatus outcome : CheckStatus.values()) {
					assertThat(duration(registry, layer, outcome).count()).as(layer + " " + outcome).isZero();
				}
			}
			Timer storageUp = duration(registry, Layer.STORAGE, CheckStatus.UP);
			Timer proxyDown = duration(registry, Layer.PROXY, CheckStatus.DOWN);
			Timer refresh = registry.get(DownloadHealthMetrics.REFRESH).timer();
			int meters = registry.getMeters().size();
			for (int i = 0; i < 3; i++) {
				monitor.refresh().get(5, TimeUnit.SECONDS);
			}
			await().untilAsserted(() -> assertThat(refresh.count()).isEqualTo(3));
			assertThat(registry.getMeters()).hasSize(meters);
			assertThat(duration(registry, Layer.STORAGE, CheckStatus.UP)).isSameAs(storageUp);
			assertThat(storageUp.count()).isEqualTo(3);
			assertThat(proxyDown.count()).isEqualTo(3);
			assertThat(duration(registry, Layer.END_TO_END, CheckStatus.UNKNOWN).count()).isEqualTo(3);
			assertThat(duration(registry, Layer.PROXY, CheckStatus.UP).count()).isZero();
		}
	}

	@Test
	void findingGaugeFollowsTheLatestSnapshotWhileTheLayerStaysUp() throws Exception {
		AtomicBoolean exposed = new AtomicBoolean(true);
		TestCheck proxy = new TestCheck(Layer.PROXY, (check) -> Mono.fromSupplier(() -> {
			CheckResult up = TestCheck.result(Layer.PROXY, CheckStatus.UP, Symptom.NONE);
			return exposed.get()
					? up.reporting(new FindingReport(Finding.STORAGE_EXPOSED, "served", "make it internal")) : up;
		}));
		DownloadHealthMonitor monitor = monitor(List.of(TestCheck.up(Layer.STORAGE), proxy));
		MeterRegistry registry = new SimpleMeterRegistry();
		try (DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC(), Tags.empty())) {
			metrics.bindTo(registry);
			Gauge finding = registry.get(DownloadHealthMetrics.FINDING)
				.tags("layer", "proxy", "finding", "storage-exposed")
				.gauge();
			assertThat(finding.value()).isNaN();
			monitor.refresh().get(5, TimeUnit.SECONDS);
			assertThat(finding.value()).isEqualTo(1.0);
			assertThat(registry.get(DownloadHealthMetrics.STATUS).tag("layer", "proxy").gauge().value()).isEqualTo(1.0);
			exposed.set(false);
			monitor.refresh().get(5, TimeUnit.SECONDS);
			assertThat(finding.value()).isZero();
		}
	}

	private static Timer duration(MeterRegistry registry, Layer layer, CheckStatus outcome) {
		return registry.get(DownloadHealthMetrics.DURATION)
			.tag("layer", layer.id())
			.tag("outcome", outcome.name())
			.timer();
	}

	private static List<Meter.Id> ids(MeterRegistry registry) {
		return registry.getMeters().stream().map(Meter::getId).toList();
	}

	private static TestCheck slowUp(Layer layer) {
		return new TestCheck(layer, (check) -> Mono.delay(CHECK_TAKES)
			.map((tick) -> TestCheck.result(layer, CheckStatus.UP, Symptom.NONE)));
	}

	private static DownloadHealthMonitor monitor(List<? extends LayerCheck> checks) {
		return new DownloadHealthMonitor(List.copyOf(checks), new DiagnosisContext("folder /srv", "/internal-storage"),
				Duration.ofMinutes(1), Duration.ofMinutes(5), Clock.systemUTC());
	}

}
