package io.github.downloadhealthcheck.internal.http;

import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Symptom;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.github.downloadhealthcheck.config.Urls;

/**
 * Turns exceptions from an HTTP exchange into a symptom and a one-line reason a person
 * understands, without stack traces.
 */
public final class TransportFailures {

	private TransportFailures() {
	}

	public record Failure(Symptom symptom, String reason, Evidence evidence) {

		public Failure(Symptom symptom, String reason) {
			this(symptom, reason,
					(symptom == Symptom.TIMEOUT) ? Evidence.late(Evidence.Late.HEADERS, -1) : Evidence.NONE);
		}

		public Failure(Symptom symptom, String reason, HttpObservation seen) {
			this(symptom, reason, seen.evidence());
		}

	}

	public static Failure classify(Throwable error, String target, Duration timeout) {
		// The whole chain first for the specific causes: the JDK's client wraps an
		// unresolved host in a ConnectException, which alone would read "connection
		// refused".
		if (inChain(error, TimeoutException.class) || anyNamed(error, "Timeout")) {
			return new Failure(Symptom.TIMEOUT,
					"no complete answer from " + target + " within " + Urls.format(timeout));
		}
		if (inChain(error, UnknownHostException.class) || inChain(error, UnresolvedAddressException.class)) {
			return new Failure(Symptom.UNKNOWN_HOST, "host name of " + target + " does not resolve");
		}
		if (inChain(error, SSLException.class)) {
			return new Failure(Symptom.TLS,
					"TLS handshake with " + target
							+ " failed (self-signed or untrusted certificate?): trust it through an SSL bundle "
							+ "and set download.healthcheck.ssl-bundle");
		}
		if (inChain(error, ConnectException.class)) {
			return new Failure(Symptom.CONNECTION_REFUSED,
					"connection refused by " + target + ": is the server running and listening there?");
		}
		Throwable root = error;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return new Failure(Symptom.TRANSPORT, "request to " + target + " failed: " + oneLine(message));
	}

	private static boolean inChain(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyNamed(Throwable error, String part) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().contains(part)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A timeout after the headers arrived: the server answers, but too slowly to finish.
	 */
	public static Failure trickling(String target, int status, long bodyBytes, Duration timeout) {
		return new Failure(Symptom.TIMEOUT,
				target + " answered " + status + " but sent only " + bodyBytes + " body bytes within "
						+ Urls.format(timeout) + ": the body trickles (a rate limit on the location, or an "
						+ "overloaded proxy or storage behind it)",
				Evidence.late(Evidence.Late.BODY, status));
	}

	private static String oneLine(String message) {
		String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

}
