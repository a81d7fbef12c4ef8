package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.check.LayerChecks;
import io.github.downloadhealthcheck.internal.check.LocalBackendUrl;
import io.github.downloadhealthcheck.internal.http.ProbeWebClients;
import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.InvalidDownloadPropertyException;
import io.github.downloadhealthcheck.config.SelfPointingUrls;
import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.health.DownloadHealthContributors;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.RefreshSchedule;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.web.DownloadHealthView;
import io.github.downloadhealthcheck.web.WebFluxResponses;
import io.github.downloadhealthcheck.web.WebMvcResponses;

/**
 * Auto-configuration of the {@code download} composite health contributor: the four
 * layered checks, the background monitor holding their snapshot, and the healthcheck view
 * on Spring MVC or WebFlux.
 */
@AutoConfiguration(after = { DownloadStorageAutoConfiguration.class, DownloadS3StorageAutoConfiguration.class })
@ConditionalOnClass({ CompositeHealthContributor.class, WebClient.class, ClientHttpConnectorBuilder.class,
		WebServerInitializedEvent.class })
@ConditionalOnEnabledHealthIndicator("download")
@ConditionalOnBean(DownloadHealthSettings.class)
public final class DownloadHealthContributorAutoConfiguration {

	private static final String REACTOR_NETTY = "reactor.netty.http.client.HttpClient";

	@Bean
	DummyFile downloadHealthDummyFile(DownloadHealthSettings settings) {
		return DummyFile.generate(settings.dummy().path(), settings.dummy().size());
	}

	@Bean
	LocalBackendUrl downloadHealthLocalBackendUrl(DownloadHealthSettings settings, Environment environment) {
		String contextPath = environment.getProperty("server.servlet.context-path",
				environment.getProperty("spring.webflux.base-path", ""));
		return new LocalBackendUrl(contextPath, settings.view().path());
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> downloadHealthServerPortListener(DownloadHealthSettings settings,
			LocalBackendUrl localBackendUrl, Environment environment) {
		SelfPointingUrls selfPointing = new SelfPointingUrls(settings, environment.getProperty("server.address"));
		// A fixed port is known now: a URL pointing back at it fails start-up before
		// anything else runs. A random one is checked once the server has it.
		selfPointing.check(fixedPort(environment));
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				int port = event.getWebServer().getPort();
				selfPointing.check(port);
				localBackendUrl.serverStarted("http", Urls.ownServerHost(environment.getProperty("server.address")),
						port);
			}
		};
	}

	private static int fixedPort(Environment environment) {
		try {
			return environment.getProperty("server.port", Integer.class, 0);
		}
		catch (RuntimeException ex) {
			// Not a number: Boot's own binding of server.port reports it.
			return 0;
		}
	}

	/**
	 * The checks' client, a bean of its own so that closing the context releases it (its
	 * {@code close()} is the inferred destroy method): the threads of the HTTP client
	 * then end with the application context, not with the JVM.
	 */
	@Bean
	ProbeWebClients.Lazy downloadHealthProbeWebClient(DownloadHealthSettings settings,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles) {
		return ProbeWebClients.lazy(settings, sslBundles.getIfAvailable(),
				() -> connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect),
				() -> webClientBuilder.getIfAvailable(WebClient::builder));
	}

	@Bean
	@ConditionalOnMissingBean
	DownloadHealthMonitor downloadHealthMonitor(DownloadHealthSettings settings, DummyFile dummy,
			SendfileResponder responder, ObjectProvider<DownloadStorage> storage, LocalBackendUrl localBackendUrl,
			ObjectProvider<DownloadHealthView> view, Environment environment, ProbeWebClients.Lazy probeWebClient) {
		Clock clock = Clock.systemUTC();
		HttpProbe probe = new HttpProbe(probeWebClient, settings.maxBodyBytes());
		URI backendUrl = settings.backend().url();
		Supplier<@Nullable URI> backend = (backendUrl != null) ? () -> backendUrl : localBackendUrl;
		LayerChecks layers = LayerChecks.create(settings, responder, storage.getIfAvailable(), dummy, probe, backend,
				viewUnavailable(settings, view.getIfAvailable(), environment), clock);
		return new DownloadHealthMonitor(layers.checks(), layers.context(),
				new RefreshSchedule(settings.interval(), settings.jitter()), settings.staleAfter(), clock);
	}

	/**
	 * Why the backend layer has no healthcheck view to call, when it has none: its URL
	 * set explicitly means a view elsewhere is called.
	 */
	private static @Nullable String viewUnavailable(DownloadHealthSettings settings, @Nullable DownloadHealthView view,
			Environment environment) {
		if (view != null || settings.backend().url() != null) {
			return null;
		}
		if (!settings.view().enabled()) {
			return "the healthcheck view is switched off (download.healthcheck.view.enabled=false): switch it on, "
					+ "or set download.healthcheck.backend.url to where the application serves it";
		}
		return "this application runs no web stack the healthcheck view supports (Spring MVC or WebFlux): serve "
				+ "it yourself and set download.healthcheck.backend.url";
	}

	@Bean
	DownloadHealthMonitorLifecycle downloadHealthMonitorLifecycle(DownloadHealthMonitor monitor) {
		return new DownloadHealthMonitorLifecycle(monitor);
	}

	@Bean
	@ConditionalOnMissingBean(name = "downloadHealthContributor")
	CompositeHealthContributor downloadHealthContributor(DownloadHealthMonitor monitor) {
		return DownloadHealthContributors.composite(monitor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "download.healthcheck.http-connector", havingValue = "reactor-netty")
	@ConditionalOnMissingClass(REACTOR_NETTY)
	static class MissingReactorNettyConfiguration {

		@Bean
		HttpProbe downloadHealthReactorNettyMissing() {
			throw new InvalidDownloadPropertyException("download.healthcheck.http-connector", "reactor-netty",
					"Reactor Netty is not on the class path",
					"Add io.projectreactor.netty:reactor-netty-http, or set download.healthcheck.http-connector=auto "
							+ "to use the JDK's HttpClient.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "download.healthcheck.view.enabled", matchIfMissing = true)
	@ConditionalOnBean(DownloadStorage.class)
	@ConditionalOnWebApplication
	static class ViewConfiguration {

		@Bean
		DownloadHealthView downloadHealthView(SendfileResponder responder, DownloadStorage storage, DummyFile dummy) {
			return new DownloadHealthView(responder, storage, dummy);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
		static class WebMvcViewConfiguration {

			@Bean
			org.springframework.web.servlet.function.RouterFunction<?> downloadHealthViewRoute(
					DownloadHealthSettings settings, DownloadHealthView view) {
				return WebMvcResponses.route(settings.view().path(), view);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
		static class WebFluxViewConfiguration {

			@Bean
			org.springframework.web.reactive.function.server.RouterFunction<?> downloadHealthViewRoute(
					DownloadHealthSettings settings, DownloadHealthView view) {
				return WebFluxResponses.route(settings.view().path(), view);
			}

		}

	}

}
