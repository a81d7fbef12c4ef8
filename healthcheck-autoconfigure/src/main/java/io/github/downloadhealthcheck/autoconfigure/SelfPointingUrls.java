package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import io.github.downloadhealthcheck.check.Urls;

/**
 * Refuses a proxy or end-to-end URL that points back at the application's own server: those
 * checks would then test the application twice and never the proxy. Checked as soon as the
 * port is known: at start-up for a fixed {@code server.port}, when the web server starts for a
 * random one; either way start-up fails with a failure analysis.
 */
final class SelfPointingUrls implements ApplicationListener<WebServerInitializedEvent> {

	private static final Pattern LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}|localhost|\\[::1\\]|0\\.0\\.0\\.0|\\[::\\]");

	private final HealthcheckSettings settings;

	private final @Nullable String serverAddress;

	SelfPointingUrls(HealthcheckSettings settings, @Nullable String serverAddress, int configuredPort) {
		this.settings = settings;
		this.serverAddress = serverAddress;
		if (configuredPort > 0) {
			check(configuredPort);
		}
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			check(event.getWebServer().getPort());
		}
	}

	void check(int port) {
		check("download.healthcheck.proxy.url", this.settings.proxyUrl(), port);
		check("download.healthcheck.end-to-end.url", this.settings.endToEndUrl(), port);
	}

	private void check(String property, @Nullable URI url, int port) {
		if (url == null || port <= 0 || effectivePort(url) != port || !isThisHost(url.getHost())) {
			return;
		}
		throw new InvalidDownloadPropertyException(property, Urls.masked(url),
				"points back at this application's own server port " + port
						+ ", so the check would never go through the reverse proxy",
				"Set " + property + " to the reverse proxy's address (the port the proxy listens on), not to the "
						+ "application's server.port " + port + ".");
	}

	private boolean isThisHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		boolean boundEverywhereOrLoopback = this.serverAddress == null
				|| LOOPBACK.matcher(bracketed(this.serverAddress)).matches() || "::".equals(this.serverAddress);
		return name.equals(bracketed(String.valueOf(this.serverAddress)).toLowerCase(Locale.ROOT))
				|| (boundEverywhereOrLoopback && LOOPBACK.matcher(name).matches());
	}

	private static String bracketed(String address) {
		return (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
	}

	private static int effectivePort(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

}
