package io.github.downloadhealthcheck.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names the most likely guilty part when {@code end-to-end} is down, from what the other
 * three layers saw, and the usual fix. The order matters: a layer further from the client
 * explains the failures of the layers that depend on it.
 *
 * @param suspect the most likely guilty part
 * @param fix what usually mends it
 */
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
		CheckResult storage = results.get(Layer.STORAGE);
		CheckResult backend = results.get(Layer.BACKEND);
		CheckResult proxy = results.get(Layer.PROXY);
		if (isDown(storage)) {
			return Optional.of(new Diagnosis(Suspect.STORAGE, "make the dummy file readable in " + context.storage()
					+ ": see the storage component's reason (mount, permissions, disk)"));
		}
		if (isDown(backend)) {
			return Optional.of(new Diagnosis(Suspect.APPLICATION, applicationFix(backend.symptom())));
		}
		if (UNREACHABLE.contains(endToEnd.symptom()) && (proxy == null || !proxy.isUp())) {
			return Optional.of(new Diagnosis(Suspect.PROXY, "start the proxy or fix its address: "
					+ endToEnd.reason()));
		}
		if (isDown(proxy) && context.objectStorage()) {
			return Optional.of(new Diagnosis(Suspect.PROXY_STORAGE_ACCESS, "the proxy cannot fetch objects from "
					+ context.storage() + ": its locations must proxy_pass to the store's endpoint with path, query "
					+ "and the store's Host unchanged, and reach it over the network"));
		}
		if (isDown(proxy)) {
			return Optional.of(new Diagnosis(Suspect.PROXY_STORAGE_ACCESS, "the proxy cannot serve files from "
					+ context.storage() + ": point its storage alias or root at the folder the application writes to, "
					+ "and give its worker user read access"));
		}
		return Optional.of(new Diagnosis(Suspect.HAND_OFF, handOffFix(endToEnd.symptom(), context)));
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
		return switch (symptom) {
			case HAND_OFF_HEADER_LEAKED -> "the proxy passed the hand-off header to the client instead of acting "
					+ "on it: enable the hand-off in the proxy (nginx: do not list X-Accel-Redirect in "
					+ "proxy_ignore_headers) and make sure this URL goes through it";
			case EMPTY_BODY, WRONG_STATUS -> context.objectStorage() ? "the proxy's internal location for objects "
					+ "does not fetch them: it must exist as " + context.handOffTarget() + " and proxy_pass to "
					+ context.storage() + " (nginx: location ~ ^" + context.handOffTarget()
					+ "(/.*)$ { internal; proxy_pass <store endpoint>$1$is_args$args; })"
					: "the proxy's internal location does not find the file: it must exist as "
					+ context.handOffTarget() + " and alias the storage root " + context.storage()
					+ " (nginx: location " + context.handOffTarget() + "/ { internal; alias <storage root>/; })";
			case WRONG_BYTES, BODY_TOO_LARGE -> "something between the application and the client changes the "
					+ "body (compression, a filter, another file at that location): serve the internal location "
					+ "as is";
			case REDIRECT -> "the proxy redirects the healthcheck view: set download.healthcheck.end-to-end.url "
					+ "to the final URL, or remove the redirect";
			default -> "check the proxy's error log for the request to the healthcheck view";
		};
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
