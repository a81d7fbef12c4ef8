package io.github.downloadhealthcheck.check;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Turns exceptions from an HTTP exchange into a symptom and a one-line reason a person
 * understands, without stack traces.
 */
final class TransportFailures {

	private TransportFailures() {
	}

	record Failure(Symptom symptom, String reason) {
	}

	static Failure classify(Throwable error, String target, Duration timeout) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
				return new Failure(Symptom.TIMEOUT, "no complete answer from " + target + " within " + format(timeout));
			}
			if (cause instanceof ConnectException) {
				return new Failure(Symptom.CONNECTION_REFUSED,
						"connection refused by " + target + ": is the server running and listening there?");
			}
			if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
				return new Failure(Symptom.UNKNOWN_HOST, "host name of " + target + " does not resolve");
			}
			if (cause instanceof SSLException) {
				return new Failure(Symptom.TLS, "TLS handshake with " + target
						+ " failed (self-signed or untrusted certificate?): trust it through an SSL bundle "
						+ "and set download.healthcheck.ssl-bundle");
			}
		}
		Throwable root = error;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return new Failure(Symptom.TRANSPORT, "request to " + target + " failed: " + oneLine(message));
	}

	/**
	 * A timeout after the headers arrived: the server answers, but too slowly to finish.
	 */
	static Failure trickling(String target, int status, long bodyBytes, Duration timeout) {
		return new Failure(Symptom.TIMEOUT, target + " answered " + status + " but sent only " + bodyBytes
				+ " body bytes within " + format(timeout) + ": the body trickles (a rate limit on the location, or an "
				+ "overloaded proxy or storage behind it)");
	}

	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	private static String oneLine(String message) {
		String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

}
