package io.github.downloadhealthcheck.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.downloadhealthcheck.internal.check.LocalBackendUrl;
import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.proxyconfig.DownloadProxyEndpoint;
import io.github.downloadhealthcheck.proxyconfig.ExpectedProxyConfig;
import io.github.downloadhealthcheck.proxyconfig.ProxySnippetInputsFactory;
import io.github.downloadhealthcheck.sendfile.ObjectHandOffMode;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;

/**
 * Auto-configuration of the proxy configuration the application expects: logged at debug
 * level once the application is ready, and served by the {@code downloadproxy} endpoint
 * when exposed.
 */
@AutoConfiguration(after = DownloadHealthContributorAutoConfiguration.class)
@ConditionalOnBean(LocalBackendUrl.class)
public final class DownloadProxyConfigAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DownloadProxyConfigAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ExpectedProxyConfig expectedProxyConfig(DownloadHealthSettings settings, SendfileResponder responder,
			LocalBackendUrl localBackendUrl) {
		return new ExpectedProxyConfig(responder.settings().servers(),
				new ProxySnippetInputsFactory(settings, responder,
						(settings.backend().url() != null) ? settings.backend()::url : localBackendUrl),
				responder.settings().objectMode() == ObjectHandOffMode.REDIRECT);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> expectedProxyConfigLogger(ExpectedProxyConfig expected) {
		return (event) -> {
			if (logger.isDebugEnabled()) {
				expected.snippets()
					.forEach((server, snippet) -> logger.debug("Proxy configuration this application expects from "
							+ server + " (also at /actuator/downloadproxy when exposed):\n" + snippet));
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	// By name: with only spring-boot-actuator present the condition annotation itself is
	// missing.
	@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
	@ConditionalOnAvailableEndpoint(DownloadProxyEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DownloadProxyEndpoint downloadProxyEndpoint(ExpectedProxyConfig expected) {
			return new DownloadProxyEndpoint(expected);
		}

	}

}
