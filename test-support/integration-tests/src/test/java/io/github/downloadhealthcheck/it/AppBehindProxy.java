package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;

/**
 * The sample application behind one real reverse proxy started from its intact rendered
 * config, for suites that share both across tests: tests may stop the proxy or restart it
 * with a broken config, and {@link #restoreIfBroken()} brings back the intact one before
 * the next test.
 */
final class AppBehindProxy implements AutoCloseable {

	private final RunningSampleApp app;

	private final ProxyConfig intact;

	private ReverseProxyServer proxy;

	private AppBehindProxy(RunningSampleApp app, ProxyConfig intact) {
		this.app = app;
		this.intact = intact;
		this.proxy = intact.start();
	}

	/**
	 * Starts the application with the properties {@code appProperties} gives for a free
	 * proxy port, then the proxy of that {@code kind} in front of it serving
	 * {@code storage}, with its config and temp files in {@code proxyWorkDir}.
	 */
	static AppBehindProxy start(ProxyKind kind, Path storage, Path proxyWorkDir, AppProperties appProperties,
			Class<?>... extraSources) {
		int proxyPort = FreePorts.next();
		RunningSampleApp app = RunningSampleApp.start(appProperties.forProxyPort(proxyPort), extraSources);
		try {
			return new AppBehindProxy(app,
					ProxyConfig.render(kind, new ProxyConfig.Values(proxyPort, app.port(), storage, proxyWorkDir)));
		}
		catch (RuntimeException ex) {
			// Nobody else holds the application yet: a proxy that cannot start must not
			// leak it.
			app.close();
			throw ex;
		}
	}

	/**
	 * The properties every app behind the proxy on {@code proxyPort} shares: both check
	 * URLs through that proxy, the refresh interval and the check timeout. Mutable, so
	 * callers can add or override.
	 */
	static Map<String, String> checkProperties(int proxyPort, Duration interval, Duration timeout) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.interval", interval.toMillis() + "ms");
		properties.put("download.healthcheck.timeout", timeout.toMillis() + "ms");
		properties.put("download.healthcheck.proxy.url",
				"http://127.0.0.1:" + proxyPort + "/healthcheck-utils/dummy-file");
		properties.put("download.healthcheck.end-to-end.url",
				"http://127.0.0.1:" + proxyPort + "/healthcheck-utils/download/");
		return properties;
	}

	/**
	 * The sample's storage folder and the sendfile rule handing files under it off to the
	 * proxy at {@code destination}. Mutable, so callers can add or override.
	 */
	static Map<String, String> handOffProperties(Path storageRoot, String destination) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.storage.root", storageRoot.toString());
		properties.put("download.sendfile.rules[0].source", storageRoot.toString());
		properties.put("download.sendfile.rules[0].destination", destination);
		return properties;
	}

	RunningSampleApp app() {
		return this.app;
	}

	/**
	 * The config every test starts from; tests derive broken ones from it.
	 */
	ProxyConfig intact() {
		return this.intact;
	}

	/**
	 * The proxy running now: the intact one unless a test replaced or stopped it.
	 */
	ReverseProxyServer proxy() {
		return this.proxy;
	}

	int proxyPort() {
		return this.intact.values().proxyPort();
	}

	/**
	 * Replaces the running proxy with one started from {@code config} on the same port.
	 */
	void restart(ProxyConfig config) {
		restart(config::start);
	}

	/**
	 * Replaces the running proxy with the one {@code start} starts, e.g. from a config
	 * that is no {@link ProxyConfig}; it must listen on the same port.
	 */
	void restart(Supplier<ReverseProxyServer> start) {
		this.proxy.close();
		this.proxy = start.get();
	}

	/**
	 * Restarts the intact proxy when a test stopped it, removed its config, or left a
	 * proxy running with any other config: every test starts from the intact one.
	 */
	void restoreIfBroken() throws IOException {
		Path config = this.proxy.configFile();
		if (!this.proxy.isAlive() || !Files.exists(config) || !Files.readString(config).equals(this.intact.text())) {
			restart(this.intact);
		}
	}

	@Override
	public void close() {
		try {
			this.proxy.close();
		}
		finally {
			this.app.close();
		}
	}

	/**
	 * The application's properties once the proxy port is chosen.
	 */
	@FunctionalInterface
	interface AppProperties {

		Map<String, String> forProxyPort(int proxyPort);

	}

}
