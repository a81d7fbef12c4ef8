package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.downloadhealthcheck.check.HttpProbe;
import io.github.downloadhealthcheck.health.DownloadHealthContributors;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.FileSystemStorage;
import io.github.downloadhealthcheck.storage.ObjectStorage;
import io.github.downloadhealthcheck.web.HealthcheckDownloadController;

/**
 * Auto-configuration of the {@code download} composite health contributor: the four layered
 * checks, the background monitor holding their snapshot, and the healthcheck download view.
 */
@AutoConfiguration(after = SendfileAutoConfiguration.class)
@ConditionalOnClass({ CompositeHealthContributor.class, WebClient.class, ClientHttpConnectorBuilder.class,
		WebServerInitializedEvent.class })
@ConditionalOnEnabledHealthIndicator("download")
@EnableConfigurationProperties({ DownloadHealthcheckProperties.class, SendfileProperties.class })
public final class DownloadHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthcheckSettings downloadHealthcheckSettings(DownloadHealthcheckProperties properties, SendfileMapper mapper) {
		return HealthcheckSettings.from(properties, mapper.rules());
	}

	@Bean
	@ConditionalOnMissingBean
	DummyFile downloadHealthcheckDummyFile(HealthcheckSettings settings) {
		return DummyFile.generate(settings.dummyPath(), settings.dummySize());
	}

	@Bean
	@ConditionalOnMissingBean(name = "downloadHealthcheckBackendUrl")
	Supplier<@Nullable URI> downloadHealthcheckBackendUrl(HealthcheckSettings settings, Environment environment) {
		URI configured = settings.backendUrl();
		if (configured != null) {
			return () -> configured;
		}
		return new LocalBackendUrl(environment.getProperty("server.servlet.context-path", ""), settings.viewPath());
	}

	@Bean
	@ConditionalOnMissingBean
	DownloadHealthMonitor downloadHealthMonitor(HealthcheckSettings settings, DummyFile dummy, SendfileMapper mapper,
			ObjectProvider<DownloadStorage> storage, Supplier<@Nullable URI> downloadHealthcheckBackendUrl,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles,
			DownloadHealthcheckProperties properties, SendfileProperties sendfileProperties,
			SendfileResponder responder) {
		Clock clock = Clock.systemUTC();
		HttpProbe probe = new HttpProbe(webClient(settings, properties, connectorBuilder, webClientBuilder, sslBundles),
				settings.maxBodyBytes());
		LayerChecks layers = LayerChecks.create(settings, properties, sendfileProperties.getServer(), mapper, responder,
				storage(properties, storage, settings), dummy, probe, downloadHealthcheckBackendUrl, clock);
		return new DownloadHealthMonitor(layers.checks(), layers.context(), settings.monitor(), clock);
	}

	@Bean
	SelfPointingUrls downloadHealthcheckSelfPointingUrls(HealthcheckSettings settings, Environment environment) {
		return new SelfPointingUrls(settings, environment.getProperty("server.address"), fixedPort(environment));
	}

	private static int fixedPort(Environment environment) {
		try {
			return environment.getProperty("server.port", Integer.class, 0);
		}
		catch (RuntimeException ex) {
			// Not a number: Boot's own binding of server.port reports it; the check waits for
			// the web server's port instead.
			return 0;
		}
	}

	@Bean
	DownloadHealthMonitorLifecycle downloadHealthMonitorLifecycle(DownloadHealthMonitor monitor,
			HealthcheckSettings settings, ObjectProvider<DownloadStorage> storage, DummyFile dummy,
			DownloadHealthcheckProperties properties) {
		return new DownloadHealthMonitorLifecycle(monitor, storage(properties, storage, settings), dummy);
	}

	@Bean
	@ConditionalOnMissingBean(name = "downloadHealthContributor")
	CompositeHealthContributor downloadHealthContributor(DownloadHealthMonitor monitor) {
		return DownloadHealthContributors.composite(monitor);
	}

	private static @Nullable DownloadStorage storage(DownloadHealthcheckProperties properties,
			ObjectProvider<DownloadStorage> storage, HealthcheckSettings settings) {
		DownloadStorage store = storage.getIfAvailable(() -> fileSystemStorage(settings));
		if (properties.getStorage().getType() == DownloadHealthcheckProperties.Storage.Type.S3
				&& !(store instanceof ObjectStorage)) {
			throw new InvalidDownloadPropertyException("download.healthcheck.storage.type", "s3",
					"the AWS SDK for Java v2 is not on the class path", "Add the dependency "
							+ "software.amazon.awssdk:s3, or set download.healthcheck.storage.type=file-system.");
		}
		return store;
	}

	private static @Nullable DownloadStorage fileSystemStorage(HealthcheckSettings settings) {
		Path root = settings.storageRoot();
		return (root != null) ? new FileSystemStorage(root) : null;
	}

	private static Supplier<WebClient> webClient(HealthcheckSettings settings, DownloadHealthcheckProperties properties,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles) {
		HttpClientSettings clientSettings = HttpClientSettings.defaults()
			.withTimeouts(settings.monitor().longestTimeout(), settings.monitor().longestTimeout())
			// A redirect is a finding to report, never something to follow silently.
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		String bundle = properties.getSslBundle();
		if (bundle != null) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new InvalidDownloadPropertyException("download.healthcheck.ssl-bundle", bundle,
						"no SSL bundles are configured", "Define spring.ssl.bundle.*." + bundle + " or remove the property.");
			}
			try {
				clientSettings = clientSettings.withSslBundle(bundles.getBundle(bundle));
			}
			catch (RuntimeException ex) {
				throw new InvalidDownloadPropertyException("download.healthcheck.ssl-bundle", bundle,
						"no such SSL bundle", "Define spring.ssl.bundle.*." + bundle + " or fix the name.");
			}
		}
		HttpClientSettings validated = clientSettings;
		// Built by the first refresh, off the main thread: the HTTP library's classes are then
		// not loaded while the application starts. Bad settings were reported above, eagerly.
		return SingletonSupplier.of(() -> {
			ClientHttpConnectorBuilder<?> builder = connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect);
			// Boot's builder is observed: its calls land in http.client.requests. The checks' own
			// calls stay out of the application's metrics unless asked for.
			WebClient.Builder base = properties.isObserveHttpClient()
					? webClientBuilder.getIfAvailable(WebClient::builder) : WebClient.builder();
			return base.clientConnector(builder.build(validated)).build();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	@ConditionalOnBooleanProperty(name = "download.healthcheck.view.enabled", matchIfMissing = true)
	static class HealthcheckViewConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HealthcheckDownloadController healthcheckDownloadController(SendfileResponder responder,
				HealthcheckSettings settings, DummyFile dummy, ObjectProvider<DownloadStorage> storage) {
			if (storage.getIfAvailable() instanceof ObjectStorage objects) {
				return new HealthcheckDownloadController(responder, objects, dummy);
			}
			return new HealthcheckDownloadController(responder, settings.storageRoot(), dummy);
		}

	}

}
