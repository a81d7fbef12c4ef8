package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * Causes of a DOWN {@code end-to-end} with a header hand-off, decided on what came back
 * through the proxy and on what the other layers proved: a layer further from the client
 * explains the failures of the layers that depend on it.
 */
final class EndToEndCauses {

	private EndToEndCauses() {
	}

	static Explanation explain(CheckResult result, Map<Layer, CheckResult> results, Map<Layer, Explanation> explained,
			DiagnosisContext context) {
		CheckResult proxyResult = results.get(Layer.PROXY);
		Explanation storage = explained.get(Layer.STORAGE);
		if (Observed.isTransport(result)) {
			// No answer at all: the proxy's own failure to answer explains it, whatever
			// the layers behind the proxy do; a proxy reading from a hung storage hangs
			// with it.
			if (storage != null && storage.cause() == Cause.STORAGE_HANGS && result.symptom() == Symptom.TIMEOUT) {
				return storage.via(Layer.STORAGE);
			}
			if (proxyResult != null && proxyResult.isDown() && Observed.isTransport(proxyResult)) {
				Explanation proxy = explained.get(Layer.PROXY);
				if (proxy != null && proxy.cause() == Cause.PROXY_UNREACHABLE) {
					return new Explanation(Cause.PROXY_UNREACHABLE,
							"start the proxy, or set "
									+ "download.healthcheck.end-to-end.url to the address it listens on",
							Observed.saw(result), Observed.saw(proxyResult))
						.via(Layer.PROXY);
				}
				if (proxy != null) {
					return proxy.via(Layer.PROXY);
				}
			}
		}
		else {
			// The storage and the application come first: the proxy serves what they
			// give.
			if (storage != null) {
				return storage.via(Layer.STORAGE);
			}
			Explanation backend = explained.get(Layer.BACKEND);
			if (backend != null) {
				return backend.via(Layer.BACKEND);
			}
		}
		return own(result, results, explained, context);
	}

	private static Explanation own(CheckResult result, Map<Layer, CheckResult> results,
			Map<Layer, Explanation> explained, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		CheckResult proxyResult = results.get(Layer.PROXY);
		CheckResult backendResult = results.get(Layer.BACKEND);
		String seen = Observed.saw(result);
		return switch (result.symptom()) {
			case CONNECTION_REFUSED, UNKNOWN_HOST, TLS,
					TRANSPORT ->
				new Explanation(Cause.PROXY_UNREACHABLE,
						"set download.healthcheck.end-to-end.url to the proxy's address: the proxy URL answers, "
								+ "this one does not",
						seen);
			case TIMEOUT -> switch (result.evidence().late()) {
				case HEADERS -> {
					Explanation backend = explained.get(Layer.BACKEND);
					if (backend != null && backend.cause() == Cause.BACKEND_SLOW) {
						// Slow directly too: the application, not the route to it.
						yield backend.via(Layer.BACKEND);
					}
					yield (Observed.isUp(proxyResult) && Observed.isUp(backendResult))
							? upstreamSlow(result, backendResult, hints) : Observed.unknown(result);
				}
				case BODY -> new Explanation(Cause.PROXY_BODY_THROTTLED,
						"remove " + hints.rateLimitSetting() + " from the location serving handed-off files", seen);
				case NONE -> Observed.unknown(result);
			};
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.end-to-end.url to the final URL (" + Observed.location(result) + ")",
					seen)
				.or("or remove the redirect from the proxy");
			case HAND_OFF_HEADER_LEAKED -> new Explanation(Cause.HAND_OFF_IGNORED,
					"make " + hints.proxy() + " act on " + hints.headerName() + ": " + hints.handOffSwitch(), seen,
					"the hand-off header reached the client");
			case EMPTY_BODY -> {
				if (context.objectStorage()) {
					yield objectHandOff(context, seen);
				}
				// nginx and lighttpd answer a hand-off they ignore with the application's
				// empty 200, and a missing file with 404: an empty 200 is the switch.
				yield (!hints.headerShownWhenOff()) ? new Explanation(Cause.HAND_OFF_IGNORED,
						"make " + hints.proxy() + " act on " + hints.headerName() + ": " + hints.handOffSwitch(), seen,
						"200 with the application's empty body: " + hints.proxy()
								+ " passes an ignored hand-off on as it is")
						: Observed.unknown(result);
			}
			case WRONG_BYTES, BODY_TOO_LARGE -> {
				if (result.evidence().contentEncoding() != null) {
					yield encoded(result, "the location serving handed-off files");
				}
				yield Observed.isUp(proxyResult) ? new Explanation(Cause.HAND_OFF_SERVES_OTHER_BYTES,
						"make the hand-off target serve the files of " + context.storage() + " as stored: "
								+ hints.handOffTarget() + ", with no body filter on it",
						seen, Observed.proven(Layer.PROXY)) : Observed.unknown(result);
			}
			case WRONG_STATUS ->
				EndToEndStatusCauses.explain(result, proxyResult, backendResult, explained.get(Layer.PROXY), context);
			default -> Observed.unknown(result);
		};
	}

	static Explanation upstreamSlow(CheckResult result, @Nullable CheckResult backend, ProxyHints hints) {
		long direct = (backend != null) ? backend.duration().toMillis() : -1;
		return new Explanation(Cause.UPSTREAM_SLOW,
				"make the proxy reach the application directly: " + Observed.upstreamLine(backend, hints)
						+ " (called directly, the application answered in " + direct + " ms; through the proxy "
						+ ((Observed.status(result) == 504) ? "the proxy gave up waiting for it"
								: "no headers came in time")
						+ ")",
				Observed.saw(result), Observed.proven(Layer.BACKEND));
	}

	static Explanation objectHandOff(DiagnosisContext context, String seen) {
		return new Explanation(Cause.OBJECT_HAND_OFF_BROKEN,
				"make the internal location for objects fetch them: location ~ ^" + context.handOffTarget()
						+ "(/.*)$ { internal; proxy_pass <store endpoint>$1$is_args$args; } for " + context.storage(),
				seen);
	}

	static Explanation encoded(CheckResult result, String where) {
		return new Explanation(Cause.BODY_ENCODED, "turn compression off for " + where + " (the body came back with "
				+ "Content-Encoding: " + result.evidence().contentEncoding() + ")", Observed.saw(result));
	}

}
