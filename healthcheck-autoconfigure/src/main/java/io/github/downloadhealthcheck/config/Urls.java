package io.github.downloadhealthcheck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The one place that reads, masks and prints the URLs and durations of the configuration:
 * credentials written into a URL never reach health details, logs or a start-up report.
 */
public final class Urls {

	private static final String PASSWORD = "//([^/:@]*):[^/]*@";

	private Urls() {
	}

	/**
	 * The URL with any password replaced by {@code ******}.
	 * @param uri the URL
	 * @return a printable form without the secret
	 */
	public static String masked(URI uri) {
		return masked(uri.toString());
	}

	/**
	 * A URL, parsed or not, with any password and any presigned signature replaced by
	 * {@code ******}; also masks a password that holds an unencoded {@code @}.
	 * @param value the URL as written
	 * @return a printable form without the secrets
	 */
	public static String masked(String value) {
		return maskedHandOff(value.replaceAll(PASSWORD, "//$1:******@"));
	}

	/**
	 * A hand-off header value or URL with the signature and credential of a presigned
	 * query replaced by {@code ******}: they are a bearer token while valid.
	 * @param value the value
	 * @return a printable form
	 */
	public static String maskedHandOff(String value) {
		return value.replaceAll("(?i)([?&]X-Amz-(?:Signature|Credential|Security-Token)=)[^&]*", "$1******");
	}

	/**
	 * The port a client connects to for a URL, the scheme's default when none is written.
	 * @param uri an http(s) URL
	 * @return the port
	 */
	public static int effectivePort(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * The host to reach the application's own server at, the way it listens: the address
	 * it is bound to, or loopback when it listens on every address. A server bound to
	 * {@code 127.0.0.2} or to one network interface answers nothing on {@code 127.0.0.1}.
	 * @param serverAddress the application's {@code server.address}, {@code null} or
	 * blank when it listens everywhere
	 * @return a host for a URL, an IPv6 address in brackets
	 */
	public static String ownServerHost(@Nullable String serverAddress) {
		if (serverAddress == null || serverAddress.isBlank()) {
			return "127.0.0.1";
		}
		String address = serverAddress.strip();
		String bare = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		if (bare.equals("0.0.0.0")) {
			return "127.0.0.1";
		}
		if (bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0")) {
			return "[::1]";
		}
		return bare.contains(":") ? "[" + bare + "]" : bare;
	}

	/**
	 * A duration the way properties are written: {@code 5s}, {@code 1500ms}.
	 * @param duration the duration
	 * @return the short form
	 */
	public static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/**
	 * Parses an absolute http(s) URL given as a property.
	 * @param property the property's full name, for the error
	 * @param value the value, {@code null} or blank when not set
	 * @param example a URL such as the property takes, for the error's fix
	 * @param credentialsGoIn where credentials go instead of into the URL, {@code null}
	 * when they may be written into it
	 * @return the URL, {@code null} when not set
	 * @throws InvalidDownloadPropertyException when the value is no such URL
	 */
	static @Nullable URI httpUrl(String property, @Nullable String value, String example,
			@Nullable String credentialsGoIn) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String shown = masked(value);
		String fix = "Set it to an absolute http(s) URL such as " + example + ".";
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidDownloadPropertyException(property, shown, "malformed URL", fix);
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidDownloadPropertyException(property, shown, "not an absolute URL with a host", fix);
		}
		if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
			throw new InvalidDownloadPropertyException(property, shown,
					"scheme '" + uri.getScheme() + "' is not http(s)", fix);
		}
		if (credentialsGoIn != null && uri.getRawUserInfo() != null) {
			throw new InvalidDownloadPropertyException(property, shown, "credentials written into the URL",
					fix + " Credentials go in " + credentialsGoIn + ".");
		}
		return uri;
	}

}
