package io.github.downloadhealthcheck.sendfile;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * The reverse proxies a download can be handed off to, each with its own header and value
 * format. Peers of one abstraction: adding a proxy adds a constant, not a branch elsewhere.
 */
public enum SendfileServer {

	/**
	 * nginx: {@code X-Accel-Redirect} with the URI of an {@code internal} location. nginx
	 * percent-decodes the value and treats {@code ?} as the start of arguments, so every
	 * segment is percent-encoded.
	 */
	NGINX("X-Accel-Redirect") {
		@Override
		public String headerValue(String destination, RelativePath path) {
			return uriUnder(destination, path);
		}
	};

	private final String headerName;

	SendfileServer(String headerName) {
		this.headerName = headerName;
	}

	/**
	 * Name of the response header this proxy acts on.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * Value of the hand-off header for a file.
	 * @param destination the rule's destination: an internal URI prefix or a folder, as the
	 * proxy expects
	 * @param path the file's path relative to the rule's source folder
	 * @return the header value
	 */
	public abstract String headerValue(String destination, RelativePath path);

	/**
	 * Name used in properties and messages.
	 * @return the lower-case name, e.g. {@code nginx}
	 */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	static String uriUnder(String prefix, RelativePath path) {
		String encoded = path.segments()
			.stream()
			.map((segment) -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
		return stripTrailingSlash(prefix) + "/" + encoded;
	}

	static String stripTrailingSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
