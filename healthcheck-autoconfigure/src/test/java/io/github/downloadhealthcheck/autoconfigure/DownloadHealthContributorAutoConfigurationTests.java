package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.web.HealthcheckDownloadController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadHealthContributorAutoConfiguration} and
 * {@link SendfileAutoConfiguration}; the meters are tested in
 * {@link DownloadHealthMetricsAutoConfigurationTests}.
 */
class DownloadHealthContributorAutoConfigurationTests {

	@TempDir
	Path storage;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadHealthContributorAutoConfiguration.class, DownloadHealthMetricsAutoConfiguration.class))
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage");
	}

	@Test
	void contributorNamedDownloadHasOneComponentPerLayer() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed().hasBean("downloadHealthContributor");
			CompositeHealthContributor download = context.getBean("downloadHealthContributor",
					CompositeHealthContributor.class);
			for (Layer layer : Layer.values()) {
				assertThat(download.getContributor(layer.id())).as(layer.id()).isInstanceOf(HealthIndicator.class);
			}
			assertThat(download.getContributor("other")).isNull();
			assertThat(context).hasSingleBean(SendfileResponder.class).hasSingleBean(DownloadHealthMonitor.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesDownloadHealthContributor() {
		runner().withUserConfiguration(UserContributorConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("downloadHealthContributor")).isSameAs(UserContributorConfiguration.USERS);
		});
	}

	@Test
	void switchedOffThroughManagementHealthDownloadEnabled() {
		runner().withPropertyValues("management.health.download.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean("downloadHealthContributor")
				.doesNotHaveBean(DownloadHealthMonitor.class)
				.doesNotHaveBean(HealthcheckDownloadController.class);
			// The sendfile API is the application's, not the health check's: it stays.
			assertThat(context).hasSingleBean(SendfileResponder.class);
		});
	}

	@Test
	void switchedOffThroughManagementHealthDefaults() {
		runner().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("downloadHealthContributor"));
	}

	@Test
	void bindsProperties() {
		runner()
			.withPropertyValues("download.healthcheck.interval=7s", "download.healthcheck.timeout=2s",
					"download.healthcheck.proxy.timeout=500ms", "download.healthcheck.dummy.size=1KB",
					"download.healthcheck.proxy.url=http://127.0.0.1:9/dummy",
					"download.healthcheck.end-to-end.url=http://127.0.0.1:9/healthcheck-utils/download/")
			.run((context) -> {
				HealthcheckSettings settings = context.getBean(HealthcheckSettings.class);
				assertThat(settings.monitor().interval()).isEqualTo(Duration.ofSeconds(7));
				assertThat(settings.timeout(Layer.STORAGE)).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.timeout(Layer.PROXY)).isEqualTo(Duration.ofMillis(500));
				assertThat(settings.monitor().staleAfter()).isEqualTo(Duration.ofSeconds(16));
				assertThat(settings.storageRoot()).isEqualTo(this.storage);
				assertThat(context.getBean(DummyFile.class).size()).isEqualTo(1024);
				assertThat(settings.proxyUrl()).hasToString("http://127.0.0.1:9/dummy");
			});
	}

	@Test
	void writesTheDummyFileAtStartAndChecksItsStorage() {
		runner().run((context) -> {
			DummyFile dummy = context.getBean(DummyFile.class);
			Path written = this.storage.resolve(dummy.relativePath());
			assertThat(written).exists().hasBinaryContent(dummy.content());
			DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
			monitor.refresh().get(10, TimeUnit.SECONDS);
			assertThat(monitor.result(Layer.STORAGE).status()).isEqualTo(CheckStatus.UP);
		});
	}

	@Test
	void unconfiguredLayersAreUnknownAndNameTheirProperty() {
		runner().run((context) -> {
			DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
			monitor.refresh().get(10, TimeUnit.SECONDS);
			CompositeHealthContributor download = context.getBean("downloadHealthContributor",
					CompositeHealthContributor.class);
			Health proxy = ((HealthIndicator) download.getContributor("proxy")).health(true);
			assertThat(proxy.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(proxy.getDetails().get("reason").toString()).contains("download.healthcheck.proxy.url");
			Health endToEnd = ((HealthIndicator) download.getContributor("end-to-end")).health(true);
			assertThat(endToEnd.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(endToEnd.getDetails().get("reason").toString()).contains("download.healthcheck.end-to-end.url");
		});
	}

	@Test
	void storageUnknownWhenNoRootAndNoRule() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadHealthContributorAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
				monitor.refresh().get(10, TimeUnit.SECONDS);
				assertThat(monitor.result(Layer.STORAGE).status()).isEqualTo(CheckStatus.UNKNOWN);
				assertThat(monitor.result(Layer.STORAGE).reason()).contains("download.healthcheck.storage.root");
			});
	}

	@Test
	void healthcheckViewRegisteredInServletApplications() {
		runner().run((context) -> assertThat(context).hasSingleBean(HealthcheckDownloadController.class));
	}

	@Test
	void healthcheckViewCanBeSwitchedOff() {
		runner().withPropertyValues("download.healthcheck.view.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(HealthcheckDownloadController.class);
			assertThat(context).hasBean("downloadHealthContributor");
		});
	}

	@Test
	void malformedUrlStopsStartUpNamingTheProperty() {
		assertStartUpFails("download.healthcheck.proxy.url=http://exa mple/x", "download.healthcheck.proxy.url",
				"absolute http(s) URL");
	}

	@Test
	void relativeUrlStopsStartUp() {
		assertStartUpFails("download.healthcheck.end-to-end.url=/healthcheck-utils/download/",
				"download.healthcheck.end-to-end.url", "absolute http(s) URL");
	}

	@Test
	void nonPositiveTimeoutStopsStartUp() {
		assertStartUpFails("download.healthcheck.timeout=0s", "download.healthcheck.timeout", "duration");
	}

	@Test
	void timeoutLongerThanIntervalStopsStartUp() {
		assertStartUpFails("download.healthcheck.backend.timeout=30s", "download.healthcheck.backend.timeout",
				"at most the interval");
	}

	@Test
	void storageRootThatIsAFileStopsStartUp() throws Exception {
		Path file = Files.writeString(this.storage.resolve("a-file"), "x");
		assertStartUpFails("download.healthcheck.storage.root=" + file, "download.healthcheck.storage.root",
				"not to a file");
	}

	@Test
	void missingStorageRootStopsStartUp() {
		assertStartUpFails("download.healthcheck.storage.root=" + this.storage.resolve("missing"),
				"download.healthcheck.storage.root", "Create the folder");
	}

	@Test
	void duplicateSendfileRuleStopsStartUp() {
		runner().withPropertyValues("download.sendfile.rules[1].source=" + this.storage,
				"download.sendfile.rules[1].destination=/other").run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("'download.sendfile.rules[1].source'");
					assertThat(analysis.getAction()).contains("Remove the duplicate");
				});
	}

	@Test
	void passwordInABadUrlIsNotShown() {
		runner().withPropertyValues("download.healthcheck.proxy.url=ftp://user:s3cret@proxy/x").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("user:******@").doesNotContain("s3cret");
		});
	}

	private void assertStartUpFails(String property, String name, String fix) {
		runner().withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis of " + context.getStartupFailure()).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + name + "'");
			assertThat(analysis.getAction()).contains(fix);
		});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return new InvalidDownloadPropertyFailureAnalyzer().analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContributorConfiguration {

		static final HealthIndicator USERS = () -> Health.up().build();

		@Bean
		HealthIndicator downloadHealthContributor() {
			return USERS;
		}

	}

}
