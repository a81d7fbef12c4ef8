package io.github.downloadhealthcheck.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * Names the most likely guilty part when {@code end-to-end} is down, from what the other
 * three layers saw, and the usual fix. The order matters: a layer further from the client
 * explains the failures of the layers that depend on it.
 *
 * @param suspect the most likely guilty part
 * @param fix what usually mends it
 * @deprecated the monitor explains every DOWN layer with {@link CauseAnalysis}, from
 * observations and a documented set of {@link Cause causes}; this coarser diagnosis of
 * {@code end-to-end} alone is kept for callers of its API only
 */
@Deprecated
public record Diagnosis(Suspect suspect, String fix) {

	private static final Set<Symptom> UNREACHABLE = Set.of(Symptom.CONNECTION_REFUSED, Symptom.UNKNOWN_HOST,
			Symptom.TIMEOUT, Symptom.TLS, Symptom.TRANSPORT);

	/**
	 * Diagnoses a set of results.
	 * @param results one result per layer
	 * @param context names of the configured places, for fixes that say where to look
	 * @return the diagnosis, empty unless {@code end-to-end} is down
	 */
	public static Optional<Diagnosis> of(Map<Layer, CheckResult> results, DiagnosisContext context) {
		CheckResult endToEnd = results.get(Layer.END_TO_END);
		if (endToEnd == null || !endToEnd.isDown()) {
			return Optional.empty();
		}
		// The redirect hand-off diagnoses its own results (RedirectDiagnosis).
		if (RedirectDiagnosis.isRedirect(endToEnd)) {
			return Optional.of(RedirectDiagnosis.of(endToEnd, results, context.storage()));
		}
		CheckResult storage = results.get(Layer.STORAGE);
		CheckResult backend = results.get(Layer.BACKEND);
		CheckResult proxy = results.get(Layer.PROXY);
		if (storage != null && storage.isDown()) {
			return Optional.of(new Diagnosis(Suspect.STORAGE, "make the dummy file readable in " + context.storage()
					+ ": see the storage component's reason (mount, permissions, disk)"));
		}
		if (backend != null && backend.isDown()) {
			return Optional.of(new Diagnosis(Suspect.BACKEND, applicationFix(backend.symptom())));
		}
		if (UNREACHABLE.contains(endToEnd.symptom()) && (proxy == null || !proxy.isUp())) {
			String what = (endToEnd.symptom() == Symptom.TIMEOUT)
					? "the proxy takes connections but does not answer in time: see its error log, worker limits and load: "
					: "start the proxy or fix its address: ";
			return Optional.of(new Diagnosis(Suspect.PROXY, what + endToEnd.reason()));
		}
		if (isGatewayError(endToEnd)) {
			return Optional.of(new Diagnosis(Suspect.PROXY, "the proxy answered " + endToEnd.seen().get("status")
					+ " because it cannot get an answer from the application: point its upstream (nginx: proxy_pass) "
					+ "at the application's address and port, and see the proxy's error log"));
		}
		if (proxy != null && proxy.isDown() && context.objectStorage()) {
			return Optional.of(new Diagnosis(Suspect.PROXY_STORAGE_ACCESS,
					"the proxy cannot fetch objects from " + context.storage()
							+ ": its locations must proxy_pass to the store's endpoint with path, query "
							+ "and the store's Host unchanged, and reach it over the network"));
		}
		if (proxy != null && proxy.isDown()) {
			return Optional.of(new Diagnosis(Suspect.PROXY_STORAGE_ACCESS,
					"the proxy cannot serve files from " + context.storage()
							+ ": point its storage alias or root at the folder the application writes to ("
							+ context.hints().proxy() + ": " + context.hints().publicDummyLocation()
							+ "), and give its worker user read access"));
		}
		return Optional.of(new Diagnosis(Suspect.HAND_OFF, handOffFix(endToEnd.symptom(), context)));
	}

	/**
	 * 502 and 504 are the proxy's own words for "the application behind me did not
	 * answer"; the backend check, which calls the application directly, has already ruled
	 * out the application itself.
	 */
	private static boolean isGatewayError(CheckResult endToEnd) {
		Object status = endToEnd.seen().get("status");
		return endToEnd.symptom() == Symptom.WRONG_STATUS
				&& (Integer.valueOf(502).equals(status) || Integer.valueOf(504).equals(status));
	}

	private static boolean isDown(CheckResult result) {
		return result != null && result.isDown();
	}

	private static String applicationFix(Symptom symptom) {
		return switch (symptom) {
			case STREAMED_BY_APPLICATION -> "add a download.sendfile.rules entry whose source is the storage root "
					+ "(or set download.sendfile.enabled=true), so the application hands downloads off";
			case HAND_OFF_HEADER_WRONG, BODY_WITH_HAND_OFF -> "make the application answer downloads only "
					+ "through the sendfile API, with the configured download.sendfile.rules";
			default -> "fix the healthcheck view first: see the backend component's reason";
		};
	}

	private static String handOffFix(Symptom symptom, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		return switch (symptom) {
			case HAND_OFF_HEADER_LEAKED -> "the proxy passed the hand-off header to the client instead of acting "
					+ "on it: enable the hand-off in " + hints.proxy() + " (" + hints.handOffSwitch()
					+ ") and make sure this URL goes through it";
			case EMPTY_BODY,
					WRONG_STATUS ->
				context.objectStorage() ? objectTargetFix(context)
						: (symptom == Symptom.EMPTY_BODY && !hints.headerShownWhenOff()) ? "enable the hand-off in "
								+ hints.proxy() + " (" + hints.handOffSwitch() + "), and " + targetFix(context)
								: targetFix(context);
			case WRONG_BYTES, BODY_TOO_LARGE -> "something between the application and the client changes the "
					+ "body (compression, a filter, another file at that location): serve the internal location "
					+ "as is";
			case REDIRECT -> "the proxy redirects the healthcheck view: set download.healthcheck.end-to-end.url "
					+ "to the final URL, or remove the redirect";
			default -> "check the proxy's error log for the request to the healthcheck view";
		};
	}

	private static String objectTargetFix(DiagnosisContext context) {
		return "the proxy's internal location for objects does not fetch them: it must exist as "
				+ context.handOffTarget() + " and proxy_pass to " + context.storage() + " (nginx: location ~ ^"
				+ context.handOffTarget() + "(/.*)$ { internal; proxy_pass <store endpoint>$1$is_args$args; })";
	}

	private static String targetFix(DiagnosisContext context) {
		ProxyHints hints = context.hints();
		return "the proxy finds no file where the application hands it off (" + context.handOffTarget()
				+ "): point it at the storage root " + context.storage() + " (" + hints.proxy() + ": "
				+ hints.handOffTarget() + ")";
	}

	/**
	 * The diagnosis as health details.
	 * @return {@code suspect} and {@code fix}
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("suspect", this.suspect.label());
		details.put("fix", this.fix);
		return details;
	}

}
