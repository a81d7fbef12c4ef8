package io.github.downloadhealthcheck.internal.http;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.InvalidDownloadPropertyException;

/**
 * The checks' {@link WebClient}: never following redirects, trusting the configured SSL
 * bundle, bounded by the longest check timeout, on the HTTP library the settings ask for.
 * The JDK's client gets {@link JdkGetConnector} and a pool whose threads end between
 * refreshes, so an idle application keeps no thread of the checks' but the client's
 * selector.
 */
public final class ProbeWebClients {

	private static final String SSL_BUNDLE = "download.healthcheck.ssl-bundle";

	private ProbeWebClients() {
	}

	/**
	 * The client, built on first use: the HTTP library's classes are then not loaded
	 * while the application starts. Bad settings are reported now, eagerly.
	 * @param settings the resolved settings
	 * @param sslBundles the application's SSL bundles, {@code null} when it has none
	 * @param detected the connector builder Spring Boot detects or the application
	 * defines
	 * @param observed Spring Boot's observed {@link WebClient.Builder}, for
	 * {@code observe-http-client}
	 * @return supplies the one client, until closed
	 * @throws InvalidDownloadPropertyException when the SSL bundle does not exist
	 */
	public static Lazy lazy(DownloadHealthSettings settings, @Nullable SslBundles sslBundles,
			Supplier<ClientHttpConnectorBuilder<?>> detected, Supplier<WebClient.Builder> observed) {
		SslBundle ssl = sslBundle(settings.sslBundle(), sslBundles);
		return new Lazy(() -> {
			ClientHttpConnectorBuilder<?> builder = switch (settings.httpConnector()) {
				case AUTO -> detected.get();
				case JDK -> ClientHttpConnectorBuilder.jdk();
				case REACTOR_NETTY -> ClientHttpConnectorBuilder.reactor();
			};
			Built connector = (builder instanceof JdkClientHttpConnectorBuilder) ? jdkConnector(settings, ssl)
					: new Built(builder.build(HttpClientSettings.defaults()
						.withTimeouts(settings.longestTimeout(), settings.longestTimeout())
						// A redirect is a finding to report, never something to follow
						// silently.
						.withRedirects(HttpRedirects.DONT_FOLLOW)
						.withSslBundle(ssl)), () -> {
						});
			// Boot's builder is observed: its calls land in http.client.requests. The
			// checks'
			// own calls stay out of the application's metrics unless asked for.
			WebClient.Builder base = settings.observeHttpClient() ? observed.get() : WebClient.builder();
			return new Client(base.clientConnector(connector.connector()).exchangeStrategies(new BuffersOnly()).build(),
					connector.release());
		});
	}

	private static Built jdkConnector(DownloadHealthSettings settings, @Nullable SslBundle ssl) {
		ExecutorService executor = shortLived();
		HttpClient.Builder client = JdkGetConnector.clientBuilder(settings.longestTimeout()).executor(executor);
		if (ssl == null) {
			// TLS set up on its first use: most checks speak plain HTTP, and setting it
			// up
			// is the largest part of the client's start-up cost. Explicit parameters, or
			// the client asks the context for its defaults while it is built.
			client.sslContext(new DefaultTlsOnFirstUse()).sslParameters(new SSLParameters());
		}
		else {
			client.sslContext(ssl.createSslContext());
			SslOptions options = ssl.getOptions();
			SSLParameters parameters = new SSLParameters();
			if (options.getCiphers() != null) {
				parameters.setCipherSuites(options.getCiphers());
			}
			if (options.getEnabledProtocols() != null) {
				parameters.setProtocols(options.getEnabledProtocols());
			}
			client.sslParameters(parameters);
		}
		HttpClient built = client.build();
		return new Built(new JdkGetConnector(built), () -> {
			shutdownNow(built);
			executor.shutdownNow();
		});
	}

	/**
	 * Ends the client's selector thread at once where the JDK can (Java 21 added
	 * {@code HttpClient.shutdownNow()}); on Java 17 the thread ends once the client is no
	 * longer reachable, which {@link Lazy#close()} sees to by dropping it.
	 */
	private static void shutdownNow(HttpClient client) {
		Method shutdownNow = ReflectionUtils.findMethod(HttpClient.class, "shutdownNow");
		if (shutdownNow != null) {
			ReflectionUtils.invokeMethod(shutdownNow, client);
		}
	}

	/**
	 * Threads for the JDK client's callbacks that end two seconds after a refresh: the
	 * default pool keeps one alive for a minute, past every interval.
	 */
	private static ExecutorService shortLived() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "download-healthcheck-http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	private static @Nullable SslBundle sslBundle(@Nullable String bundle, @Nullable SslBundles sslBundles) {
		if (bundle == null) {
			return null;
		}
		if (sslBundles == null) {
			throw new InvalidDownloadPropertyException(SSL_BUNDLE, bundle, "no SSL bundles are configured",
					"Define spring.ssl.bundle.*." + bundle + " or remove the property.");
		}
		try {
			return sslBundles.getBundle(bundle);
		}
		catch (RuntimeException ex) {
			throw new InvalidDownloadPropertyException(SSL_BUNDLE, bundle, "no such SSL bundle",
					"Define spring.ssl.bundle.*." + bundle + " or fix the name.");
		}
	}

	/**
	 * The checks' {@link WebClient}, built on first use and released on {@link #close()}:
	 * the threads of its HTTP client that the starter owns end then, instead of outliving
	 * the application context. A use after closing builds a new client, for a context
	 * that is started again.
	 */
	public static final class Lazy implements Supplier<WebClient>, AutoCloseable {

		private final Supplier<Client> factory;

		private @Nullable Client client;

		private Lazy(Supplier<Client> factory) {
			this.factory = factory;
		}

		@Override
		public synchronized WebClient get() {
			Client current = this.client;
			if (current == null) {
				current = this.factory.get();
				this.client = current;
			}
			return current.webClient();
		}

		/**
		 * Releases the client built, if any: its exchanges under way are aborted.
		 */
		@Override
		public void close() {
			Client current;
			synchronized (this) {
				current = this.client;
				this.client = null;
			}
			if (current != null) {
				current.release().run();
			}
		}

	}

	private record Built(ClientHttpConnector connector, Runnable release) {
	}

	private record Client(WebClient webClient, Runnable release) {
	}

}
