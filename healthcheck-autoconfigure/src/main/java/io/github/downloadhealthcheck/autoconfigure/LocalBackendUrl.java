package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The healthcheck view's URL on the application's own port, on loopback, learnt when the web
 * server starts. A management server on its own port is ignored: the view lives on the main
 * server.
 */
final class LocalBackendUrl implements Supplier<@Nullable URI>, ApplicationListener<WebServerInitializedEvent> {

	private final String contextPath;

	private final String viewPath;

	private volatile @Nullable URI url;

	LocalBackendUrl(String contextPath, String viewPath) {
		this.contextPath = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
		this.viewPath = viewPath;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.url = URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + this.contextPath + this.viewPath);
		}
	}

	@Override
	public @Nullable URI get() {
		return this.url;
	}

}
