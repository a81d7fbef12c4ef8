package io.github.downloadhealthcheck.internal.http;

import io.github.downloadhealthcheck.check.Evidence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.downloadhealthcheck.config.Urls;

/**
 * What one HTTP answer looked like. The body itself is never kept, only its length, its
 * SHA-256 and, for short text, a preview.
 *
 * @param status the status code
 * @param headers the response headers
 * @param bodyBytes bytes read, at most the cap plus one chunk
 * @param sha256 hex SHA-256 of the bytes read
 * @param overCap whether reading stopped because the body exceeded the cap
 * @param preview start of a text body, for people reading the details
 */
public record HttpObservation(int status, HttpHeaders headers, long bodyBytes, String sha256, boolean overCap,
		@Nullable String preview) {

	/** Key of the {@code seen} detail naming who wrote an error body. */
	public static final String BODY_FROM = "bodyFrom";

	/** Key of the {@code seen} detail naming the body's encoding. */
	public static final String CONTENT_ENCODING = "contentEncoding";

	/**
	 * Value of a response header.
	 * @param name header name
	 * @return the first value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/**
	 * Headers a reverse proxy should consume and never show a client.
	 * @return names and values of {@code X-Accel-*} and {@code X-Sendfile*} headers
	 */
	public Map<String, String> handOffHeaders() {
		Map<String, String> found = new LinkedHashMap<>();
		this.headers.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("x-accel-") || lower.startsWith("x-sendfile")
					|| lower.equals("x-lighttpd-send-file")) {
				found.put(canonical(lower), String.join(", ", values));
			}
		});
		return found;
	}

	/**
	 * A header name as proxies document it ({@code X-Accel-Redirect}), whatever case the
	 * HTTP client reports it in (the JDK's lower-cases every name).
	 */
	private static String canonical(String lowerCaseName) {
		StringBuilder name = new StringBuilder(lowerCaseName.length());
		boolean upper = true;
		for (char c : lowerCaseName.toCharArray()) {
			name.append(upper ? Character.toUpperCase(c) : c);
			upper = (c == '-');
		}
		return name.toString();
	}

	/**
	 * Who wrote the body, judged from its type and first bytes: the proxy's own error
	 * page (HTML), the application's error (JSON, as Spring Boot answers a client that
	 * does not ask for HTML), an object store's error (XML with a code), or nothing.
	 * @return who wrote it
	 */
	public Evidence.BodyFrom bodyFrom() {
		if (this.bodyBytes == 0) {
			return Evidence.BodyFrom.NONE;
		}
		MediaType type = this.headers.getContentType();
		if (type == null) {
			return Evidence.BodyFrom.UNKNOWN;
		}
		if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
			return Evidence.BodyFrom.PROXY;
		}
		if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
			return Evidence.BodyFrom.APPLICATION;
		}
		if (StoreErrors.code(this) != null) {
			return Evidence.BodyFrom.STORE;
		}
		return Evidence.BodyFrom.UNKNOWN;
	}

	/**
	 * The typed observations of this answer, for the diagnosis.
	 * @return the evidence
	 */
	public Evidence evidence() {
		Evidence.BodyFrom from = bodyFrom();
		String errorPath = (from == Evidence.BodyFrom.APPLICATION) ? ApplicationErrors.path(this) : null;
		return Evidence.answer(this.status, from, contentEncoding(), header(HttpHeaders.LOCATION),
				StoreErrors.code(this), errorPath);
	}

	/**
	 * The {@code Content-Encoding} of the body, when it was sent encoded.
	 * @return e.g. {@code gzip}, or {@code null}
	 */
	public @Nullable String contentEncoding() {
		String encoding = header(HttpHeaders.CONTENT_ENCODING);
		return (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) ? null : encoding;
	}

	/**
	 * Summary for the {@code seen} details.
	 * @return status, length, digest and the headers that matter
	 */
	public Map<String, Object> describe() {
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("status", this.status);
		seen.put("bytes", this.overCap ? "more than " + this.bodyBytes : this.bodyBytes);
		if (!this.overCap && this.bodyBytes > 0) {
			seen.put("sha256", this.sha256);
		}
		if (this.status != 200) {
			seen.put(BODY_FROM, bodyFrom().name().toLowerCase(Locale.ROOT));
		}
		String encoding = contentEncoding();
		if (encoding != null) {
			seen.put(CONTENT_ENCODING, encoding);
		}
		String location = header(HttpHeaders.LOCATION);
		if (location != null) {
			seen.put("location", location);
		}
		handOffHeaders().forEach((name, value) -> seen.put(name, Urls.maskedHandOff(value)));
		if (this.preview != null) {
			seen.put("bodyPreview", this.preview);
		}
		return seen;
	}

}
