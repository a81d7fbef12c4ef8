package io.github.downloadhealthcheck.internal.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the error an S3-compatible store answered with from the preview of its XML body
 * ({@code <Error><Code>AccessDenied</Code><Message>Request has expired</Message>}), which
 * the proxy passes on to the client unchanged.
 */
public final class StoreErrors {

	private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,64})</Code>");

	private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{1,160})</Message>");

	private StoreErrors() {
	}

	/**
	 * What the store said, e.g. {@code AccessDenied: Request has expired}.
	 * @param seen the answer
	 * @return the code and message, {@code null} when the body is no S3 error
	 */
	public static @Nullable String of(HttpObservation seen) {
		String preview = seen.preview();
		if (preview == null) {
			return null;
		}
		Matcher code = CODE.matcher(preview);
		if (!code.find()) {
			return null;
		}
		Matcher message = MESSAGE.matcher(preview);
		return code.group(1) + (message.find() ? ": " + message.group(1) : "");
	}

	/**
	 * " (store said: ...)", or nothing.
	 * @param seen the answer
	 * @return the suffix for a reason
	 */
	/**
	 * The store's error code alone, a typed value to decide on.
	 * @param seen the answer
	 * @return e.g. {@code AccessDenied}, or {@code null} when the body holds none
	 */
	public static @Nullable String code(HttpObservation seen) {
		String preview = seen.preview();
		if (preview == null) {
			return null;
		}
		Matcher code = CODE.matcher(preview);
		return code.find() ? code.group(1) : null;
	}

	public static String suffix(HttpObservation seen) {
		String said = of(seen);
		return (said != null) ? " (store said " + said + ")" : "";
	}

}
