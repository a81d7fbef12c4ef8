package io.github.downloadhealthcheck.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.DiagnosisContext;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.LayerCheck;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadHealthMetrics}: the meters follow the monitor's refreshes, not the
 * number of times they are read.
 */
class DownloadHealthMetricsTests {

	private static final Duration CHECK_TAKES = Duration.ofMillis(50);

	private final AtomicInteger checksRun = new AtomicInteger();

	@Test
	void refreshTimerCountsRefreshesAndRecordsEachSnapshotsDuration() throws Exception {
		DownloadHealthMonitor monitor = monitor();
		MeterRegistry registry = new SimpleMeterRegistry();
		try (DownloadHealthMetrics metrics = new DownloadHealthMetrics(monitor, Clock.systemUTC())) {
			metrics.bindTo(registry);
			Timer refresh = registry.get(DownloadHealthMetrics.REFRESH).timer();
			assertThat(refresh.count()).isZero();
			DownloadHealthSnapshot first = monitor.refresh().get(5, TimeUnit.SECONDS);
			DownloadHealthSnapshot second = monitor.refresh().get(5, TimeUnit.SECONDS);
			// Reading the gauges many times runs no check.
			for (int i = 0; i < 100; i++) {
				registry.get(DownloadHealthMetrics.STATUS).tag("check", "proxy").gauge().value();
			}
			assertThat(this.checksRun).hasValue(2 * Layer.values().length);
			assertThat(refresh.count()).isEqualTo(2);
			assertThat(first.duration()).isGreaterThanOrEqualTo(CHECK_TAKES);
			assertThat(refresh.totalTime(TimeUnit.NANOSECONDS))
				.isEqualTo((double) first.duration().plus(second.duration()).toNanos());
			assertThat(registry.get(DownloadHealthMetrics.STATUS).tag("check", "proxy").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get(DownloadHealthMetrics.DURATION).tag("check", "end-to-end").tag("outcome", "UP")
				.timer()
				.count()).isEqualTo(2);
		}
	}

	private DownloadHealthMonitor monitor() {
		List<LayerCheck> checks = Arrays.stream(Layer.values()).map(this::check).toList();
		return new DownloadHealthMonitor(checks, new DiagnosisContext("folder /srv", "/internal-storage"),
				Duration.ofMinutes(1), Duration.ofMinutes(5),
				Clock.systemUTC());
	}

	private LayerCheck check(Layer layer) {
		return new LayerCheck() {

			@Override
			public Duration timeout() {
				return Duration.ofSeconds(2);
			}

			@Override
			public Layer layer() {
				return layer;
			}

			@Override
			public String requested() {
				return "a " + layer.id() + " check that takes " + CHECK_TAKES.toMillis() + " ms";
			}

			@Override
			public Mono<CheckResult> check() {
				return Mono.delay(CHECK_TAKES).map((tick) -> {
					DownloadHealthMetricsTests.this.checksRun.incrementAndGet();
					return new CheckResult(layer, CheckStatus.UP, Symptom.NONE, requested(), Map.of(), Map.of(), null,
							CHECK_TAKES, Clock.systemUTC().instant(), Map.of());
				});
			}

		};
	}

}
