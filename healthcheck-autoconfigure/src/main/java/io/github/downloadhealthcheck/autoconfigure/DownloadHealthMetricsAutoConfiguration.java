package io.github.downloadhealthcheck.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.downloadhealthcheck.metrics.DownloadHealthMetrics;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;

/**
 * Auto-configuration of the {@code download.healthcheck.*} meters; Spring Boot binds the
 * {@link DownloadHealthMetrics} binder to every meter registry.
 */
@AutoConfiguration(after = DownloadHealthContributorAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(DownloadHealthMonitor.class)
public final class DownloadHealthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DownloadHealthMetrics downloadHealthMetrics(DownloadHealthMonitor monitor) {
		return new DownloadHealthMetrics(monitor, Clock.systemUTC(), Tags.empty());
	}

}
