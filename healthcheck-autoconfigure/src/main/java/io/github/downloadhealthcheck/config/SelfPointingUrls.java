package io.github.downloadhealthcheck.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Refuses a proxy or end-to-end URL that points back at the application's own server:
 * those checks would then test the application twice and never the proxy. Checked as soon
 * as the port is known: at start-up for a fixed {@code server.port}, when the web server
 * starts for a random one.
 */
public final class SelfPointingUrls {

	private static final Pattern LOOPBACK = Pattern
		.compile("127(\\.\\d{1,3}){3}|localhost|\\[::1\\]|0\\.0\\.0\\.0|\\[::\\]");

	private final DownloadHealthSettings settings;

	private final @Nullable String serverAddress;

	/**
	 * Creates the check.
	 * @param settings the settings whose URLs are checked
	 * @param serverAddress the application's {@code server.address}, {@code null} when it
	 * listens everywhere
	 */
	public SelfPointingUrls(DownloadHealthSettings settings, @Nullable String serverAddress) {
		this.settings = settings;
		this.serverAddress = serverAddress;
	}

	/**
	 * Checks both URLs against the application's port.
	 * @param port the port the application's server listens on; nothing is checked for 0
	 * @throws InvalidDownloadPropertyException naming the URL that points back
	 */
	public void check(int port) {
		check("download.healthcheck.proxy.url", this.settings.proxy().url(), port);
		check("download.healthcheck.end-to-end.url", this.settings.endToEnd().url(), port);
	}

	private void check(String property, @Nullable URI url, int port) {
		if (url == null || port <= 0 || Urls.effectivePort(url) != port || !isThisHost(url.getHost())) {
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
		String address = this.serverAddress;
		boolean boundEverywhereOrLoopback = address == null || LOOPBACK.matcher(bracketed(address)).matches()
				|| "::".equals(address);
		return (address != null && name.equals(bracketed(address).toLowerCase(Locale.ROOT)))
				|| (boundEverywhereOrLoopback && LOOPBACK.matcher(name).matches());
	}

	private static String bracketed(String address) {
		return (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
	}

}
