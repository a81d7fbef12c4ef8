package io.github.downloadhealthcheck.sendfile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * nginx's optional {@code X-Accel-*} headers; each is sent only when set.
 *
 * @param buffering value of {@code X-Accel-Buffering} ({@code yes} or {@code no})
 * @param limitRate value of {@code X-Accel-Limit-Rate}, bytes per second
 * @param expires value of {@code X-Accel-Expires}
 * @param charset value of {@code X-Accel-Charset}
 */
public record NginxOptions(@Nullable Boolean buffering, @Nullable Long limitRate, @Nullable String expires,
		@Nullable String charset) {

	/**
	 * Options that send no extra header.
	 * @return empty options
	 */
	public static NginxOptions none() {
		return new NginxOptions(null, null, null, null);
	}

	/**
	 * Headers to add to an nginx hand-off, in a stable order.
	 * @return header names and values
	 */
	public Map<String, String> headers() {
		Map<String, String> headers = new LinkedHashMap<>();
		if (this.buffering != null) {
			headers.put("X-Accel-Buffering", this.buffering ? "yes" : "no");
		}
		if (this.limitRate != null) {
			headers.put("X-Accel-Limit-Rate", Long.toString(this.limitRate));
		}
		if (this.expires != null) {
			headers.put("X-Accel-Expires", this.expires);
		}
		if (this.charset != null) {
			headers.put("X-Accel-Charset", this.charset);
		}
		return headers;
	}

}
