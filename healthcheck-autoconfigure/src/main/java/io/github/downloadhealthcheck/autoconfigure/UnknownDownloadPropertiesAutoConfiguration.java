package io.github.downloadhealthcheck.autoconfigure;

import io.github.downloadhealthcheck.config.UnknownDownloadProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Reports {@code download.*} properties that bind to nothing (see
 * {@link UnknownDownloadProperties}). Its own auto-configuration, so it reports even when
 * the checks are switched off: a typo in the switch is the first one worth hearing about.
 */
@AutoConfiguration
public final class UnknownDownloadPropertiesAutoConfiguration {

	@Bean
	static UnknownDownloadProperties unknownDownloadProperties(ConfigurableEnvironment environment,
			ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		return new UnknownDownloadProperties(environment,
				(classLoader != null) ? classLoader : UnknownDownloadProperties.class.getClassLoader());
	}

}
