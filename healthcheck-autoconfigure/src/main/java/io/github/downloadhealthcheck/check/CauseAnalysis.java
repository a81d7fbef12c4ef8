package io.github.downloadhealthcheck.check;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * Puts every DOWN layer down to a {@link Cause} from what the requests really showed:
 * status, who wrote the body (the proxy's error page, the application's error, the
 * store's), the headers that came back, which part of an answer came late, the store's
 * error, and what the other layers saw. A cause is named only when the observations it
 * needs were made; otherwise the cause is {@link Cause#UNKNOWN} and the fix says what was
 * seen. A layer further from the client explains the failures of the layers that depend
 * on it: then the dependent layer carries the same cause and says which layer explains
 * it.
 */
public final class CauseAnalysis {

	private static final Set<Symptom> TRANSPORT = Set.of(Symptom.CONNECTION_REFUSED, Symptom.UNKNOWN_HOST,
			Symptom.TIMEOUT, Symptom.TLS, Symptom.TRANSPORT);

	private CauseAnalysis() {
	}

	/**
	 * Explains the DOWN layers of one refresh.
	 * @param results one result per layer
	 * @param context the configured places and the proxy's words
	 * @return one explanation per DOWN layer
	 */
	public static Map<Layer, Explanation> explain(Map<Layer, CheckResult> results, DiagnosisContext context) {
		Map<Layer, Explanation> explained = new EnumMap<>(Layer.class);
		CheckResult storage = results.get(Layer.STORAGE);
		CheckResult backend = results.get(Layer.BACKEND);
		CheckResult proxy = results.get(Layer.PROXY);
		CheckResult endToEnd = results.get(Layer.END_TO_END);
		if (storage != null && storage.isDown()) {
			explained.put(Layer.STORAGE, storage(storage, context));
		}
		if (backend != null && backend.isDown()) {
			explained.put(Layer.BACKEND, backend(backend, context));
		}
		if (proxy != null && proxy.isDown()) {
			Explanation storageExplains = explained.get(Layer.STORAGE);
			// A proxy reading from a hung storage hangs with it; other transport failures
			// are the proxy's own.
			if (storageExplains != null && (!TRANSPORT.contains(proxy.symptom())
					|| (storageExplains.cause() == Cause.STORAGE_HANGS && proxy.symptom() == Symptom.TIMEOUT))) {
				explained.put(Layer.PROXY, storageExplains.via(Layer.STORAGE));
			}
			else {
				explained.put(Layer.PROXY, proxy(proxy, storage, context));
			}
		}
		// The redirect hand-off names the suspects of its end-to-end check its own way:
		// redirectDiagnosis.
		if (endToEnd != null && endToEnd.isDown() && !RedirectDiagnosis.isRedirect(endToEnd)) {
			explained.put(Layer.END_TO_END, endToEnd(endToEnd, results, explained, context));
		}
		return explained;
	}

	/**
	 * The suspect and fix of a DOWN {@code end-to-end} of the redirect hand-off, which
	 * names the ingress, the store's public endpoint or the presigned URL
	 * (docs/redirect-hand-off.md) rather than a cause of the header hand-offs' set.
	 * @param results one result per layer
	 * @param context the configured places
	 * @return the details, empty unless {@code end-to-end} of the redirect hand-off is
	 * down
	 */
	@SuppressWarnings("deprecation")
	public static Optional<Map<String, Object>> redirectDiagnosis(Map<Layer, CheckResult> results,
			DiagnosisContext context) {
		CheckResult endToEnd = results.get(Layer.END_TO_END);
		if (endToEnd == null || !endToEnd.isDown() || !RedirectDiagnosis.isRedirect(endToEnd)) {
			return Optional.empty();
		}
		return Optional.of(RedirectDiagnosis.of(endToEnd, results, context.storage()).details());
	}

	// ---------------------------------------------------------------- storage

	private static Explanation storage(CheckResult result, DiagnosisContext context) {
		String where = context.storage();
		return switch (result.symptom()) {
			case DUMMY_MISSING -> {
				String why = seen(result, "why") + " " + seen(result, StorageCheck.REWRITE);
				if (why.contains("does not exist")) {
					yield new Explanation(Cause.STORAGE_ROOT_MISSING,
							"mount or create the storage root of " + where + " (download.healthcheck.storage.root)");
				}
				if (seen(result, StorageCheck.REWRITE).startsWith("failed")) {
					yield new Explanation(Cause.STORAGE_NOT_WRITABLE,
							"give the application's user write access to " + where);
				}
				yield new Explanation(Cause.DUMMY_DELETED,
						"nothing, if it happened once: the next check writes the dummy file again; if it recurs, "
								+ "exclude .download-healthcheck/ from whatever deletes files in " + where);
			}
			case DUMMY_ALTERED -> new Explanation(Cause.DUMMY_ALTERED,
					"give every instance writing to " + where + " the same download.healthcheck.dummy settings "
							+ "(the next check after deleting the file writes it again)");
			case TIMEOUT -> new Explanation(Cause.STORAGE_HANGS,
					"make " + where + " answer reads again (a hung network mount or store): nothing else can");
			case STORAGE_ERROR -> {
				String error = seen(result, StorageCheck.READ_ERROR);
				if (error.equals("permission denied")) {
					yield new Explanation(Cause.STORAGE_NOT_READABLE,
							"give the application's user read access to the dummy file in " + where);
				}
				if (error.contains("Is a directory")) {
					yield new Explanation(Cause.DUMMY_PATH_TAKEN, "remove what holds the dummy file's path in " + where
							+ ", or set download.healthcheck.dummy.path to a free path");
				}
				if (context.objectStorage()) {
					yield new Explanation(Cause.STORE_ERROR, "as the store says: " + result.reason());
				}
				yield unknown(result);
			}
			default -> unknown(result);
		};
	}

	// ---------------------------------------------------------------- backend

	private static Explanation backend(CheckResult result, DiagnosisContext context) {
		String reason = String.valueOf(result.reason());
		return switch (result.symptom()) {
			case STREAMED_BY_APPLICATION -> {
				if (reason.contains("download.sendfile.enabled=false")) {
					yield new Explanation(Cause.HAND_OFF_DISABLED, "set download.sendfile.enabled=true");
				}
				if (reason.contains("no sendfile rule covers") || reason.contains("no sendfile rule is configured")) {
					yield new Explanation(Cause.NO_RULE_FOR_STORAGE, "add a download.sendfile.rules[n].source "
							+ "equal to the storage root of " + context.storage());
				}
				yield unknown(result);
			}
			case WRONG_STATUS -> switch (status(result)) {
				case 404 -> new Explanation(Cause.VIEW_NOT_FOUND,
						"point download.healthcheck.backend.url at the view's path, download.healthcheck.view.path",
						"or set download.healthcheck.view.path back to the path the URLs use", null);
				case 401,
						403 ->
					new Explanation(Cause.VIEW_SECURED,
							"permit anonymous GET to the healthcheck view (download.healthcheck.view.path) in the "
									+ "application's security configuration");
				default -> (status(result) >= 500) ? new Explanation(Cause.VIEW_FAILING,
						"fix the error the application logged for the healthcheck view (a filter or interceptor "
								+ "in front of it fails)")
						: unknown(result);
			};
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.backend.url to the final URL (" + seen(result, "location") + ")");
			case HAND_OFF_HEADER_WRONG,
					BODY_WITH_HAND_OFF ->
				new Explanation(Cause.HAND_OFF_HEADER_WRONG,
						"let the healthcheck view's answer through unchanged: something between it and "
								+ "download.healthcheck.backend.url rewrites its headers or body");
			case CONNECTION_REFUSED, UNKNOWN_HOST, TLS, TRANSPORT -> new Explanation(Cause.BACKEND_UNREACHABLE,
					"set download.healthcheck.backend.url to the application's own address and port");
			case TIMEOUT -> new Explanation(Cause.BACKEND_SLOW,
					"find what holds the application's request threads (a thread dump shows it): called "
							+ "directly, it did not answer in time");
			default -> unknown(result);
		};
	}

	// ---------------------------------------------------------------- proxy

	private static Explanation proxy(CheckResult result, @Nullable CheckResult storage, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		return switch (result.symptom()) {
			case CONNECTION_REFUSED -> new Explanation(Cause.PROXY_UNREACHABLE,
					"start the proxy, or set download.healthcheck.proxy.url to the address it listens on");
			case UNKNOWN_HOST -> new Explanation(Cause.PROXY_HOST_UNKNOWN,
					"fix the host name in download.healthcheck.proxy.url (and download.healthcheck.end-to-end.url)");
			case TLS -> new Explanation(Cause.PROXY_CERTIFICATE_UNTRUSTED,
					"trust the proxy's certificate through an SSL bundle and set download.healthcheck.ssl-bundle");
			case TIMEOUT -> switch (seen(result, HttpChecks.LATE)) {
				case "headers" -> new Explanation(Cause.PROXY_UNRESPONSIVE,
						"give the proxy room to answer: it accepted the connection but sent no headers in time "
								+ "(all workers busy or blocked; its error log and worker limits say which)");
				case "body" -> new Explanation(Cause.PROXY_BODY_THROTTLED,
						"remove " + hints.rateLimitSetting() + " from the dummy file's location");
				default -> unknown(result);
			};
			case WRONG_STATUS -> {
				int status = status(result);
				if (context.objectStorage()) {
					yield new Explanation(Cause.PROXY_STORE_ACCESS,
							"make the dummy object's location proxy_pass to " + context.storage()
									+ " with path, query and the store's Host unchanged (the store answered " + status
									+ ")");
				}
				if (status == 404 && isUp(storage)) {
					yield new Explanation(Cause.PROXY_STORAGE_PATH_WRONG,
							"point the " + hints.publicDummyLocation() + " at the dummy file of " + context.storage());
				}
				if (status == 403 && isUp(storage)) {
					yield new Explanation(Cause.PROXY_STORAGE_PERMISSION,
							"give the proxy's worker user read access to " + context.storage());
				}
				if (status >= 500 && "proxy".equals(seen(result, HttpObservation.BODY_FROM))) {
					yield new Explanation(Cause.PROXY_LOCATION_FAILS, "serve the dummy file's location from storage ("
							+ hints.publicDummyLocation() + "): it answers " + status + " itself");
				}
				yield unknown(result);
			}
			case EMPTY_BODY, WRONG_BYTES, BODY_TOO_LARGE -> {
				if (!seen(result, HttpObservation.CONTENT_ENCODING).isEmpty()) {
					yield encoded(result, "the dummy file's location");
				}
				yield isUp(storage)
						? new Explanation(Cause.PROXY_SERVES_OTHER_FILE,
								"point the " + hints.publicDummyLocation() + " at the dummy file itself")
						: unknown(result);
			}
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.proxy.url to the final URL (" + seen(result, "location") + ")",
					"or remove the redirect from the proxy", null);
			default -> unknown(result);
		};
	}

	// ---------------------------------------------------------------- end-to-end

	private static Explanation endToEnd(CheckResult result, Map<Layer, CheckResult> results,
			Map<Layer, Explanation> explained, DiagnosisContext context) {
		CheckResult proxyResult = results.get(Layer.PROXY);
		Explanation proxy = explained.get(Layer.PROXY);
		if (TRANSPORT.contains(result.symptom())) {
			// No answer at all: the proxy's own failure to answer explains it, whatever
			// the layers behind the proxy do.
			// A proxy reading from a hung storage hangs with it.
			Explanation storage = explained.get(Layer.STORAGE);
			if (storage != null && storage.cause() == Cause.STORAGE_HANGS && result.symptom() == Symptom.TIMEOUT) {
				return storage.via(Layer.STORAGE);
			}
			if (proxy != null && proxyResult != null && TRANSPORT.contains(proxyResult.symptom())) {
				return proxy.via(Layer.PROXY);
			}
		}
		else {
			// The storage and the application come first: the proxy serves what they
			// give.
			Explanation storage = explained.get(Layer.STORAGE);
			if (storage != null) {
				return storage.via(Layer.STORAGE);
			}
			Explanation backend = explained.get(Layer.BACKEND);
			if (backend != null) {
				return backend.via(Layer.BACKEND);
			}
		}
		ProxyHints hints = context.hints();
		CheckResult backendResult = results.get(Layer.BACKEND);
		return switch (result.symptom()) {
			case CONNECTION_REFUSED, UNKNOWN_HOST, TLS,
					TRANSPORT ->
				new Explanation(Cause.PROXY_UNREACHABLE,
						"set download.healthcheck.end-to-end.url to the proxy's address: the proxy URL answers, "
								+ "this one does not");
			case TIMEOUT -> switch (seen(result, HttpChecks.LATE)) {
				case "headers" -> {
					Explanation backend = explained.get(Layer.BACKEND);
					if (backend != null && backend.cause() == Cause.BACKEND_SLOW) {
						// Slow directly too: the application, not the route to it.
						yield backend.via(Layer.BACKEND);
					}
					yield (isUp(proxyResult) && isUp(backendResult)) ? upstreamSlow(result, backendResult, hints)
							: unknown(result);
				}
				case "body" -> new Explanation(Cause.PROXY_BODY_THROTTLED,
						"remove " + hints.rateLimitSetting() + " from the location serving handed-off files");
				default -> unknown(result);
			};
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.end-to-end.url to the final URL (" + seen(result, "location") + ")",
					"or remove the redirect from the proxy", null);
			case HAND_OFF_HEADER_LEAKED -> new Explanation(Cause.HAND_OFF_IGNORED,
					"make " + hints.proxy() + " act on " + hints.headerName() + ": " + hints.handOffSwitch());
			case EMPTY_BODY -> {
				if (context.objectStorage()) {
					yield objectHandOff(context);
				}
				// nginx and lighttpd answer a hand-off they ignore with the application's
				// empty 200, and a missing file with 404: an empty 200 is the switch.
				yield (!hints.headerShownWhenOff()) ? new Explanation(Cause.HAND_OFF_IGNORED,
						"make " + hints.proxy() + " act on " + hints.headerName() + ": " + hints.handOffSwitch())
						: unknown(result);
			}
			case WRONG_BYTES, BODY_TOO_LARGE -> {
				if (!seen(result, HttpObservation.CONTENT_ENCODING).isEmpty()) {
					yield encoded(result, "the location serving handed-off files");
				}
				yield isUp(proxyResult) ? new Explanation(Cause.HAND_OFF_SERVES_OTHER_BYTES,
						"make the hand-off target serve the files of " + context.storage() + " as stored: "
								+ hints.handOffTarget() + ", with no body filter on it")
						: unknown(result);
			}
			case WRONG_STATUS -> wrongStatus(result, proxyResult, backendResult, proxy, context);
			default -> unknown(result);
		};
	}

	private static Explanation wrongStatus(CheckResult result, @Nullable CheckResult proxyResult,
			@Nullable CheckResult backendResult, @Nullable Explanation proxy, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		int status = status(result);
		String bodyFrom = seen(result, HttpObservation.BODY_FROM);
		if (context.objectStorage()) {
			return objectHandOff(context);
		}
		if (bodyFrom.equals("application")) {
			// The application's own error came back: the request that reached it was the
			// hand-off URI (no internal location caught it) or another path.
			String preview = seen(result, "bodyPreview");
			if (preview.contains("\"path\":\"" + trimmed(context.handOffTarget()))) {
				return handOffTargetMissing(context);
			}
			return new Explanation(Cause.VIEW_ROUTE_WRONG,
					"pass the view's path to the application unchanged (" + upstreamLine(backendResult, hints) + ")",
					"or set download.healthcheck.end-to-end.url to the URL at which the proxy serves the view", null);
		}
		// 502 from nginx and Caddy, 503 from Apache and lighttpd: the proxy's words for
		// an
		// upstream that refused; the backend check reached the application directly.
		if ((status == 502 || status == 503) && isUp(backendResult)) {
			return new Explanation(Cause.UPSTREAM_UNREACHABLE,
					"point the proxy's upstream at the application: " + upstreamLine(backendResult, hints));
		}
		if (status == 504 && isUp(backendResult)) {
			return upstreamSlow(result, backendResult, hints);
		}
		if ((status == 404 || status == 403) && proxy != null && proxyResult != null && proxyResult.isDown()
				&& (proxy.cause() == Cause.PROXY_STORAGE_PATH_WRONG
						|| proxy.cause() == Cause.PROXY_STORAGE_PERMISSION)) {
			// The proxy reads another folder (or may not read it) for its dummy location:
			// the same for the hand-off target.
			return new Explanation(proxy.cause(), (proxy.cause() == Cause.PROXY_STORAGE_PATH_WRONG)
					? "point the hand-off target at " + context.storage() + ": " + hints.handOffTarget() : proxy.fix(),
					null, Layer.PROXY);
		}
		if ((status == 404 || status == 403) && isUp(proxyResult)) {
			return handOffTargetMissing(context);
		}
		return unknown(result);
	}

	private static Explanation handOffTargetMissing(DiagnosisContext context) {
		ProxyHints hints = context.hints();
		return new Explanation(Cause.HAND_OFF_TARGET_MISSING,
				"give " + hints.proxy() + " the hand-off target the application names (" + context.handOffTarget()
						+ "): " + hints.handOffTarget(),
				"or set download.sendfile.rules[n].destination to the target " + hints.proxy() + " has", null);
	}

	private static Explanation upstreamSlow(CheckResult result, @Nullable CheckResult backend, ProxyHints hints) {
		long direct = (backend != null) ? backend.duration().toMillis() : -1;
		return new Explanation(Cause.UPSTREAM_SLOW,
				"make the proxy reach the application directly: " + upstreamLine(backend, hints)
						+ " (called directly, the application answered in " + direct + " ms; through the proxy "
						+ ((status(result) == 504) ? "the proxy gave up waiting for it" : "no headers came in time")
						+ ")");
	}

	private static Explanation objectHandOff(DiagnosisContext context) {
		return new Explanation(Cause.OBJECT_HAND_OFF_BROKEN,
				"make the internal location for objects fetch them: location ~ ^" + context.handOffTarget()
						+ "(/.*)$ { internal; proxy_pass <store endpoint>$1$is_args$args; } for " + context.storage());
	}

	private static Explanation encoded(CheckResult result, String where) {
		return new Explanation(Cause.BODY_ENCODED, "turn compression off for " + where + " (the body came back with "
				+ "Content-Encoding: " + seen(result, HttpObservation.CONTENT_ENCODING) + ")");
	}

	private static Explanation unknown(CheckResult result) {
		return new Explanation(Cause.UNKNOWN, "not known: no documented cause fits what " + result.layer().id()
				+ " saw (" + result.symptom() + ", seen " + result.seen() + "): see its reason");
	}

	// ---------------------------------------------------------------- observations

	private static String upstreamLine(@Nullable CheckResult backend, ProxyHints hints) {
		String origin = "<application address>";
		if (backend != null && backend.requested().startsWith("GET ")) {
			try {
				URI uri = URI.create(backend.requested().substring(4));
				origin = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
			}
			catch (IllegalArgumentException ex) {
				// Keep the placeholder: the fix still names the setting.
			}
		}
		return hints.upstream(origin);
	}

	private static String trimmed(String target) {
		return target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
	}

	private static int status(CheckResult result) {
		return (result.seen().get("status") instanceof Integer status) ? status : -1;
	}

	private static String seen(CheckResult result, String key) {
		Object value = result.seen().get(key);
		return (value != null) ? value.toString() : "";
	}

	private static boolean isUp(@Nullable CheckResult result) {
		return result != null && result.isUp();
	}

}
