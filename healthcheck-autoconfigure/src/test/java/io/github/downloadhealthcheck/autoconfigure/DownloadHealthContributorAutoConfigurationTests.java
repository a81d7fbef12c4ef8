package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.FileSystemStorage;
import io.github.downloadhealthcheck.web.DownloadHealthView;
import io.github.downloadhealthcheck.web.HandOffAcceptRangesAdvice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadHealthContributorAutoConfiguration},
 * {@link SendfileAutoConfiguration} and {@link DownloadStorageAutoConfiguration}; the
 * meters are tested in {@link DownloadHealthMetricsAutoConfigurationTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DownloadHealthContributorAutoConfigurationTests {

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(SendfileAutoConfiguration.class,
			DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class);

	@TempDir
	Path storage;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
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
				.doesNotHaveBean(DownloadHealthView.class);
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
				DownloadHealthSettings settings = context.getBean(DownloadHealthSettings.class);
				assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(7));
				assertThat(settings.storage().timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.proxy().timeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(16));
				assertThat(settings.storage().root()).isEqualTo(this.storage);
				assertThat(context.getBean(DummyFile.class).size()).isEqualTo(1024);
				assertThat(settings.proxy().url()).hasToString("http://127.0.0.1:9/dummy");
			});
	}

	@Test
	void oneStorageBeanForDownloadsAndChecks() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(DownloadStorage.class);
			assertThat(context.getBean(DownloadStorage.class)).isInstanceOf(FileSystemStorage.class);
			assertThat(((FileSystemStorage) context.getBean(DownloadStorage.class)).root()).isEqualTo(this.storage);
		});
	}

	@Test
	void explicitStorageRootWinsOverTheFirstRule() throws Exception {
		Path root = Files.createDirectories(this.storage.resolve("root"));
		runner().withPropertyValues("download.healthcheck.storage.root=" + root)
			.run((context) -> assertThat(((FileSystemStorage) context.getBean(DownloadStorage.class)).root())
				.isEqualTo(root));
	}

	@Test
	void storageOfTheApplicationWins() {
		runner().withBean("myStorage", DownloadStorage.class, () -> new FileSystemStorage(this.storage.resolve("own")))
			.run((context) -> {
				assertThat(context).hasSingleBean(DownloadStorage.class);
				assertThat(context.getBean(DownloadStorage.class).describe()).endsWith("own");
			});
	}

	@Test
	void writesTheDummyFileBeforeTheFirstCheck() {
		runner().run((context) -> {
			DummyFile dummy = context.getBean(DummyFile.class);
			DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
			monitor.refresh().get(10, TimeUnit.SECONDS);
			Path written = this.storage.resolve(dummy.relativePath());
			assertThat(written).exists().hasBinaryContent(dummy.content());
			assertThat(monitor.result(Layer.STORAGE).status()).isEqualTo(CheckStatus.UP);
		});
	}

	@Test
	void unconfiguredLayersAreUnknownAndNameTheirProperty() {
		runner().run((context) -> {
			context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
			assertUnknown(context, "proxy", "download.healthcheck.proxy.url");
			assertUnknown(context, "end-to-end", "download.healthcheck.end-to-end.url");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "download.healthcheck.storage.root", "download.sendfile.rules[0].source" })
	void missingStorageFolderStartsAndStorageIsDownUntilItExists(String property) throws Exception {
		Path folder = this.storage.resolve("not-mounted-yet");
		runner().withPropertyValues(property + "=" + folder).run((context) -> {
			assertThat(context).hasNotFailed();
			DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
			monitor.refresh().get(10, TimeUnit.SECONDS);
			Health storage = layer(context, "storage");
			assertThat(storage.getStatus()).isEqualTo(Status.DOWN);
			assertThat(storage.getDetails().get("reason").toString()).contains("does not exist");
			Files.createDirectories(folder);
			monitor.refresh().get(10, TimeUnit.SECONDS);
			assertThat(layer(context, "storage").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void unconfiguredLayersAreNamedInAWarningAtStartUp(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			// The first refresh writes the dummy file: let it finish before the folder
			// goes.
			context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
			assertThat(output).contains("WARN")
				.contains("Download health layer 'end-to-end' is not checked")
				.contains("download.healthcheck.end-to-end.url")
				.contains("Download health layer 'proxy' is not checked")
				.contains("download.healthcheck.proxy.url")
				.doesNotContain("layer 'storage' is not checked");
		});
	}

	@Test
	void storageAndBackendUnknownWhenNoRootAndNoRule() {
		new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DownloadStorage.class);
			context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
			assertUnknown(context, "storage", "download.healthcheck.storage.root");
			assertUnknown(context, "backend", "download.healthcheck.storage.root");
		});
	}

	@Test
	void healthcheckViewRoutedInServletApplications() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(DownloadHealthView.class);
			assertThat(context.getBean("downloadHealthViewRoute"))
				.isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
		});
	}

	@Test
	void handOffAcceptRangesAdviceOnlyInServletApplications() {
		runner().run((context) -> assertThat(context).hasSingleBean(HandOffAcceptRangesAdvice.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HandOffAcceptRangesAdvice.class));
	}

	@Test
	void healthcheckViewRoutedInReactiveApplications() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DownloadHealthView.class);
				assertThat(context.getBean("downloadHealthViewRoute"))
					.isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class);
			});
	}

	@Test
	void backendSaysTheViewIsSwitchedOff() {
		runner().withPropertyValues("download.healthcheck.view.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DownloadHealthView.class);
			context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
			assertUnknown(context, "backend", "download.healthcheck.view.enabled=false");
		});
	}

	@Test
	void backendSaysThereIsNoWebStackForTheView() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DownloadHealthView.class);
				context.getBean(DownloadHealthMonitor.class).refresh().get(10, TimeUnit.SECONDS);
				assertUnknown(context, "backend", "no web stack");
			});
	}

	@Test
	void backendUrlSetMeansAViewElsewhereIsChecked() {
		runner()
			.withPropertyValues("download.healthcheck.view.enabled=false",
					"download.healthcheck.backend.url=http://127.0.0.1:9/healthcheck-utils/download/")
			.run((context) -> {
				DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
				monitor.refresh().get(10, TimeUnit.SECONDS);
				assertThat(monitor.result(Layer.BACKEND).status()).isEqualTo(CheckStatus.DOWN);
				assertThat(monitor.result(Layer.BACKEND).requested()).contains("127.0.0.1:9");
			});
	}

	@Test
	void reactorNettyAskedForButMissingStopsStartUpNamingTheProperty() {
		runner().withPropertyValues("download.healthcheck.http-connector=reactor-netty")
			.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> FailureAnalysisAssert.assertFailed(context, "download.healthcheck.http-connector",
					"Reactor Netty is not on the class path", "http-connector=auto"));
	}

	private static void assertUnknown(AssertableApplicationContext context, String layer, String reason) {
		assertUnknown((ApplicationContext) context, layer, reason);
	}

	private static Health layer(ApplicationContext context, String layer) {
		CompositeHealthContributor download = context.getBean("downloadHealthContributor",
				CompositeHealthContributor.class);
		return ((HealthIndicator) download.getContributor(layer)).health(true);
	}

	private static void assertUnknown(ApplicationContext context, String layer, String reason) {
		Health health = layer(context, layer);
		assertThat(health.getStatus()).as(layer).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails().get("reason").toString()).as(layer).contains(reason);
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
