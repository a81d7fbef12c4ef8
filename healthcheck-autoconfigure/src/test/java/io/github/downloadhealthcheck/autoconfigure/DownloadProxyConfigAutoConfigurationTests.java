package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.downloadhealthcheck.proxyconfig.DownloadProxyEndpoint;
import io.github.downloadhealthcheck.proxyconfig.ExpectedProxyConfig;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadProxyConfigAutoConfiguration} and the per-proxy validation of
 * {@code download.sendfile.rules[n].destination}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DownloadProxyConfigAutoConfigurationTests {

	@TempDir
	Path storage;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class,
					DownloadProxyConfigAutoConfiguration.class, EndpointAutoConfiguration.class,
					WebEndpointAutoConfiguration.class))
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.healthcheck.end-to-end.url=http://127.0.0.1:8081/healthcheck-utils/download/",
					"download.healthcheck.proxy.url=http://127.0.0.1:8081/dummy",
					"download.healthcheck.backend.url=http://127.0.0.1:8080/healthcheck-utils/download/");
	}

	@Test
	void endpointIsOffUnlessExposed() {
		runner().withPropertyValues("download.sendfile.rules[0].destination=/internal-storage").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ExpectedProxyConfig.class);
			assertThat(context).doesNotHaveBean(DownloadProxyEndpoint.class);
		});
	}

	@Test
	void exposedEndpointRendersTheSnippetOfTheConfiguredProxy() {
		runner()
			.withPropertyValues("download.sendfile.server=apache",
					"download.sendfile.rules[0].destination=" + this.storage + "/",
					"management.endpoints.web.exposure.include=downloadproxy")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DownloadProxyEndpoint.class);
				String snippet = context.getBean(DownloadProxyEndpoint.class).snippet("apache");
				assertThat(snippet).contains("Listen 127.0.0.1:8081")
					.contains("ProxyPass / http://127.0.0.1:8080/")
					.contains("XSendFilePath \"" + this.storage + "\"")
					.contains("AliasMatch \"^/dummy$\" \"" + this.storage + "/.download-healthcheck/dummy.bin\"");
				assertThat(context.getBean(DownloadProxyEndpoint.class).snippet("nginx")).isNull();
			});
	}

	@Test
	void snippetIsLoggedAtDebugLevelOnceTheApplicationIsReady(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(DownloadProxyConfigAutoConfiguration.class.getName(), LogLevel.DEBUG);
		try {
			runner().withPropertyValues("download.sendfile.rules[0].destination=/internal-storage").run((context) -> {
				assertThat(output).doesNotContain("Proxy configuration this application expects");
				context.publishEvent(
						new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
				assertThat(output).contains("Proxy configuration this application expects from nginx")
					.contains("location /internal-storage/ {");
			});
		}
		finally {
			logging.setLogLevel(DownloadProxyConfigAutoConfiguration.class.getName(), null);
		}
	}

	@Test
	void mixedRulesGetOneSnippetPerProxy() {
		runner()
			.withPropertyValues("download.sendfile.rules[0].destination=/internal-storage",
					"download.sendfile.rules[1].source=/data/big", "download.sendfile.rules[1].server=lighttpd",
					"download.sendfile.rules[1].destination=/data/big")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ExpectedProxyConfig.class).snippets()).containsOnlyKeys("nginx", "lighttpd");
				assertThat(context.getBean(SendfileResponder.class).settings().rules().get(1).server())
					.isEqualTo(SendfileServer.LIGHTTPD);
			});
	}

	@Test
	void apacheRuleNeedsAnAbsoluteFolder() {
		assertDestinationFails("apache", "internal-storage", "relative path");
	}

	@Test
	void nginxRuleNeedsAUri() {
		assertDestinationFails("nginx", "internal-storage", "must start with '/' for nginx");
	}

	@Test
	void caddyRuleRefusesAQueryInTheUri() {
		assertDestinationFails("caddy", "/internal?x", "contains '?'");
	}

	private void assertDestinationFails(String server, String destination, String problem) {
		runner()
			.withPropertyValues("download.sendfile.server=" + server,
					"download.sendfile.rules[0].destination=" + destination)
			.run((context) -> {
				FailureAnalysisAssert.assertFailed(context, "download.sendfile.rules[0].destination", problem,
						"download.sendfile.rules[0].destination");
			});
	}

}
