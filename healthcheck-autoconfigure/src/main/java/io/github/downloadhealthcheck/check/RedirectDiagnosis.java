package io.github.downloadhealthcheck.check;

import java.util.Map;
import java.util.Set;

/**
 * The diagnosis of the redirect hand-off, kept apart from the header hand-offs': here the
 * parts are the application, the ingress in front of it, and the store as clients reach
 * it at its public endpoint. Results of the redirect checks carry a marker so that
 * {@link Diagnosis#of} hands them here.
 */
final class RedirectDiagnosis {

	/** Key of the marker in a result's extra details. */
	static final String HAND_OFF = "handOff";

	private static final String REDIRECT = "redirect";

	private static final Set<Symptom> UNREACHABLE = Set.of(Symptom.CONNECTION_REFUSED, Symptom.UNKNOWN_HOST,
			Symptom.TIMEOUT, Symptom.TLS, Symptom.TRANSPORT);

	private RedirectDiagnosis() {
	}

	/**
	 * Marks a result as one of the redirect hand-off's.
	 * @param result the result
	 * @return the marked result
	 */
	static CheckResult mark(CheckResult result) {
		return result.withExtra(Map.of(HAND_OFF, REDIRECT));
	}

	static boolean isRedirect(CheckResult result) {
		return REDIRECT.equals(result.extra().get(HAND_OFF));
	}

	/**
	 * Diagnoses a set of results whose {@code end-to-end} is down.
	 * @param endToEnd the {@code end-to-end} result, down
	 * @param results one result per layer
	 * @param storage the storage, for fixes
	 * @return the diagnosis
	 */
	static Diagnosis of(CheckResult endToEnd, Map<Layer, CheckResult> results, String storage) {
		CheckResult backend = results.get(Layer.BACKEND);
		CheckResult proxy = results.get(Layer.PROXY);
		CheckResult storageResult = results.get(Layer.STORAGE);
		// A clock the store disagrees with fails every signature, the storage check's
		// too:
		// it explains the rest.
		if (results.values().stream().anyMatch((result) -> result.symptom() == Symptom.CLOCK_SKEW)) {
			return storeSide(Symptom.CLOCK_SKEW);
		}
		if (storageResult != null && storageResult.isDown()) {
			return new Diagnosis(Suspect.STORAGE, "make the dummy object readable in " + storage
					+ ": see the storage component's reason (object gone, bucket, credentials, endpoint)");
		}
		if (backend != null && backend.isDown()) {
			return new Diagnosis(Suspect.BACKEND, backendFix(backend.symptom()));
		}
		if (proxy != null && proxy.isDown()) {
			return storeSide(proxy.symptom());
		}
		return switch (endToEnd.symptom()) {
			case LOCATION_REWRITTEN -> new Diagnosis(Suspect.INGRESS,
					"stop the ingress from rewriting Location "
							+ "on the application's redirects (HAProxy: remove http-response replace-header/set-header "
							+ "Location; nginx: proxy_redirect off): a changed URL no longer matches its signature");
			case SIGNATURE_REFUSED -> new Diagnosis(Suspect.INGRESS, "the store accepts the application's "
					+ "presigned URLs when fetched directly, but not the one the client got through the ingress: "
					+ "the ingress changes Location (query or encoding); pass it on untouched");
			case REDIRECT_CACHEABLE -> new Diagnosis(Suspect.INGRESS,
					"stop the ingress, or a cache in front of "
							+ "it, from adding a cache lifetime to the redirect (HAProxy: http-response set-header "
							+ "Cache-Control; a CDN's default TTL): pass the application's Cache-Control: no-store on");
			case INGRESS_FOLLOWED_REDIRECT -> new Diagnosis(Suspect.INGRESS,
					"let the ingress pass the "
							+ "application's redirects to the client instead of following them (Envoy: remove "
							+ "internal_redirect_policy; nginx: no error_page for 302), or use the header hand-off "
							+ "(download.sendfile.object-storage.mode=header) with a proxy that can hand off");
			case HEAD_REFUSED -> new Diagnosis(Suspect.INGRESS,
					"answer HEAD like GET: the ingress must pass HEAD "
							+ "to the application, and the application's downloads must call "
							+ "SendfileResponder.respond(method, storage, path) so a HEAD is presigned for HEAD");
			case PUBLIC_ENDPOINT_UNREACHABLE -> storeSide(Symptom.PUBLIC_ENDPOINT_UNREACHABLE);
			case LINK_EXPIRED, CLOCK_SKEW -> storeSide(endToEnd.symptom());
			case REDIRECT_WRONG -> new Diagnosis(Suspect.INGRESS,
					"the ingress answers something else than the application's redirect: route the healthcheck "
							+ "view to the application and pass its answers on unchanged");
			default -> UNREACHABLE.contains(endToEnd.symptom())
					? new Diagnosis(Suspect.INGRESS, "start the ingress or fix its address: " + endToEnd.reason())
					: new Diagnosis(Suspect.INGRESS, "check the ingress's log for the request to the healthcheck "
							+ "view: " + endToEnd.reason());
		};
	}

	private static Diagnosis storeSide(Symptom symptom) {
		return switch (symptom) {
			case PUBLIC_ENDPOINT_UNREACHABLE, CONNECTION_REFUSED, UNKNOWN_HOST, TLS, TRANSPORT ->
				new Diagnosis(Suspect.PUBLIC_ENDPOINT,
						"set download.healthcheck.storage.s3.public-endpoint to the store's address as clients reach "
								+ "it (not the application's internal endpoint), and make it reachable from clients");
			case LINK_EXPIRED -> new Diagnosis(Suspect.PRESIGNED_URL, "raise " + RedirectExpectation.LIFETIME_PROPERTY
					+ ": the presigned URL expires before a " + "client reaches the store with it");
			case CLOCK_SKEW -> new Diagnosis(Suspect.PRESIGNED_URL, "synchronize the clocks of the application's "
					+ "host and the store (NTP): a signature is valid only within minutes of the store's time");
			case SIGNATURE_REFUSED -> new Diagnosis(Suspect.PRESIGNED_URL, "the store refuses the application's "
					+ "signatures: fix download.healthcheck.storage.s3.access-key-id/secret-access-key and region, "
					+ "and sign for the host clients use (download.healthcheck.storage.s3.public-endpoint)");
			case HEAD_REFUSED -> new Diagnosis(Suspect.PUBLIC_ENDPOINT,
					"the store refuses HEAD with a URL presigned for HEAD: allow HEAD on the public endpoint");
			default -> new Diagnosis(Suspect.PUBLIC_ENDPOINT,
					"clients cannot download the dummy object from the store's public endpoint: see the proxy "
							+ "component's reason");
		};
	}

	private static String backendFix(Symptom symptom) {
		return switch (symptom) {
			case REDIRECT_WRONG -> "make the application answer downloads only through the sendfile API with "
					+ "download.sendfile.object-storage.mode=redirect, and set "
					+ "download.healthcheck.storage.s3.public-endpoint to the store's address for clients";
			case REDIRECT_CACHEABLE -> "something in the application (a filter, a security header writer) adds "
					+ "a cache lifetime to the redirect: leave the responder's Cache-Control: no-store";
			default -> "fix the healthcheck view first: see the backend component's reason";
		};
	}

}
