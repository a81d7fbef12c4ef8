package io.github.downloadhealthcheck.internal.check;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The healthcheck view's URL on the application's own port, where the server listens
 * (loopback unless it is bound to one address), known once the web server has started. A
 * management server on its own port is not meant: the view lives on the main server.
 */
public final class LocalBackendUrl implements Supplier<@Nullable URI> {

	private final String contextPath;

	private final String viewPath;

	private volatile @Nullable URI url;

	/**
	 * Creates the URL, unknown until {@link #serverStarted(int)}.
	 * @param contextPath the application's context path (servlet) or base path (WebFlux),
	 * empty for none
	 * @param viewPath the healthcheck view's path
	 */
	public LocalBackendUrl(String contextPath, String viewPath) {
		this.contextPath = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
		this.viewPath = viewPath;
	}

	/**
	 * Learns the main web server's port.
	 * @param port the port it listens on
	 */
	public void serverStarted(int port) {
		serverStarted("http", "127.0.0.1", port);
	}

	/**
	 * Learns how the main web server listens.
	 * @param scheme {@code http}, or {@code https} for a server with TLS
	 * @param host the host it answers on, an IPv6 address in brackets
	 * @param port the port it listens on
	 */
	public void serverStarted(String scheme, String host, int port) {
		this.url = URI.create(scheme + "://" + host + ":" + port + this.contextPath + this.viewPath);
	}

	@Override
	public @Nullable URI get() {
		return this.url;
	}

}
