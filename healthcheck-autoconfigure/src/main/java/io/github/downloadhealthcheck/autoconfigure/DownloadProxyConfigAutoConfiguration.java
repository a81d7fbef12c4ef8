package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.downloadhealthcheck.proxyconfig.DownloadProxyEndpoint;
import io.github.downloadhealthcheck.proxyconfig.ExpectedProxyConfig;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Auto-configuration of the proxy configuration the application expects: logged at debug level
 * once the application is ready, and served by the {@code downloadproxy} endpoint when exposed.
 */
@AutoConfiguration(after = DownloadHealthContributorAutoConfiguration.class)
@ConditionalOnBean(HealthcheckSettings.class)
public final class DownloadProxyConfigAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DownloadProxyConfigAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ExpectedProxyConfig expectedProxyConfig(HealthcheckSettings settings, SendfileMapper mapper,
			SendfileProperties properties,
			@Qualifier("downloadHealthcheckBackendUrl") Supplier<@Nullable URI> downloadHealthcheckBackendUrl) {
		List<SendfileServer> servers = new ArrayList<>();
		for (SendfileRule rule : mapper.rules()) {
			if (!servers.contains(rule.server())) {
				servers.add(rule.server());
			}
		}
		if (servers.isEmpty()) {
			servers.add(properties.getServer());
		}
		return new ExpectedProxyConfig(servers,
				new ProxySnippetInputsFactory(settings, mapper, downloadHealthcheckBackendUrl));
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
	// By name: with only spring-boot-actuator present the condition annotation itself is missing.
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
