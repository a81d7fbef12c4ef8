package io.github.downloadhealthcheck.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.internal.diagnosis.DiagnosisContext;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.metrics.DownloadHealthMetrics;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.TestCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DownloadHealthMetricsAutoConfiguration}.
 */
class DownloadHealthMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DownloadHealthMetricsAutoConfiguration.class))
		.withBean(DownloadHealthMonitor.class, DownloadHealthMetricsAutoConfigurationTests::monitor);

	@Test
	void binderDefinedWhenMicrometerIsOnTheClassPath() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DownloadHealthMetrics.class));
	}

	@Test
	void noBinderWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownloadHealthMetrics.class));
	}

	@Test
	void noBinderWithoutMonitor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DownloadHealthMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownloadHealthMetrics.class));
	}

	@Test
	void bootBindsTheMetersToItsRegistry() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SimpleMeterRegistry.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				// Bound by Boot at start-up: the meters exist before any refresh.
				assertThat(registry.get(DownloadHealthMetrics.STATUS).gauges()).hasSize(Layer.values().length);
				assertThat(registry.get(DownloadHealthMetrics.REFRESH).timer().count()).isZero();
				context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
				await().untilAsserted(
						() -> assertThat(registry.get(DownloadHealthMetrics.REFRESH).timer().count()).isOne());
				assertThat(status(registry, Layer.STORAGE)).isEqualTo(1.0);
				assertThat(status(registry, Layer.PROXY)).isEqualTo(0.0);
				assertThat(status(registry, Layer.END_TO_END)).isNaN();
				assertThat(registry.get(DownloadHealthMetrics.DURATION)
					.tag("layer", "storage")
					.tag("outcome", "UP")
					.timer()
					.count()).isOne();
				assertThat(registry.get(DownloadHealthMetrics.DURATION)
					.tag("layer", "proxy")
					.tag("outcome", "DOWN")
					.timer()
					.count()).isOne();
			});
	}

	private static double status(MeterRegistry registry, Layer layer) {
		return registry.get(DownloadHealthMetrics.STATUS).tag("layer", layer.id()).gauge().value();
	}

	private static DownloadHealthMonitor monitor() {
		return new DownloadHealthMonitor(
				List.of(TestCheck.up(Layer.STORAGE), TestCheck.up(Layer.BACKEND),
						TestCheck.down(Layer.PROXY, Symptom.CONNECTION_REFUSED)),
				new DiagnosisContext("folder /srv", "/internal-storage"), Duration.ofMinutes(1), Duration.ofMinutes(5),
				Clock.systemUTC());
	}

}
