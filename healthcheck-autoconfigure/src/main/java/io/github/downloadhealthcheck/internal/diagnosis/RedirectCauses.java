package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Causes of the redirect hand-off's DOWN {@code proxy} (the store's public endpoint, as
 * clients reach it) and {@code end-to-end} (the ingress's answer, then the store's), from
 * the same cause set as the header hand-offs'.
 */
final class RedirectCauses {

	private static final String PUBLIC_ENDPOINT = "download.healthcheck.storage.s3.public-endpoint";

	private RedirectCauses() {
	}

	static Explanation store(CheckResult result) {
		String seen = Observed.saw(result);
		return switch (result.symptom()) {
			case PUBLIC_ENDPOINT_UNREACHABLE, CONNECTION_REFUSED, UNKNOWN_HOST, TLS, TRANSPORT,
					TIMEOUT ->
				new Explanation(Cause.PUBLIC_ENDPOINT_UNREACHABLE, "set " + PUBLIC_ENDPOINT
						+ " to the store's address as clients reach it (not the application's internal endpoint), "
						+ "and make it reachable from clients", seen);
			case LINK_EXPIRED -> expired(seen);
			case CLOCK_SKEW -> clockSkew(seen);
			case SIGNATURE_REFUSED -> new Explanation(Cause.PRESIGNED_URL_REFUSED,
					"fix download.healthcheck.storage.s3.access-key-id/secret-access-key and region, and sign for "
							+ "the host clients use (" + PUBLIC_ENDPOINT + ")",
					seen);
			case HEAD_REFUSED -> new Explanation(Cause.HEAD_REFUSED,
					"allow HEAD with a URL presigned for HEAD on the store's public endpoint", seen);
			case CONTENT_DISPOSITION_IGNORED -> new Explanation(Cause.CONTENT_DISPOSITION_IGNORED,
					"use a store that honours response-content-disposition on presigned URLs, or serve downloads "
							+ "with download.sendfile.object-storage.mode=header",
					seen);
			default -> Observed.unknown(result);
		};
	}

	static Explanation endToEnd(CheckResult result, Map<Layer, CheckResult> results,
			Map<Layer, Explanation> explained) {
		// A clock the store disagrees with fails every signature, the storage check's
		// too: it explains the rest.
		for (Map.Entry<Layer, Explanation> other : explained.entrySet()) {
			if (other.getValue().cause() == Cause.CLOCK_SKEW) {
				return other.getValue().via(other.getKey());
			}
		}
		for (Layer layer : new Layer[] { Layer.STORAGE, Layer.BACKEND, Layer.PROXY }) {
			Explanation first = explained.get(layer);
			if (first != null && !(layer == Layer.PROXY && Observed.isTransport(result))) {
				return first.via(layer);
			}
		}
		return own(result, results.get(Layer.PROXY), results.get(Layer.BACKEND));
	}

	private static Explanation own(CheckResult result, @Nullable CheckResult proxy, @Nullable CheckResult backend) {
		String seen = Observed.saw(result);
		return switch (result.symptom()) {
			case LOCATION_REWRITTEN -> locationRewritten(seen, "the ingress answered another Location");
			case SIGNATURE_REFUSED -> Observed.isUp(proxy)
					? locationRewritten(seen,
							"proxy UP: the store accepts the application's presigned URLs "
									+ "fetched directly, so the one the client got was changed on the way")
					: new Explanation(Cause.PRESIGNED_URL_REFUSED,
							"fix download.healthcheck.storage.s3.access-key-id/secret-access-key and region", seen);
			case REDIRECT_CACHEABLE -> new Explanation(Cause.REDIRECT_CACHEABLE,
					"stop the ingress, or a cache in front of it, from adding a cache lifetime to the redirect "
							+ "(HAProxy: http-response set-header Cache-Control; a CDN's default TTL): pass the "
							+ "application's Cache-Control: no-store on",
					seen, Observed.proven(Layer.BACKEND));
			case INGRESS_FOLLOWED_REDIRECT -> new Explanation(Cause.INGRESS_FOLLOWS_REDIRECT,
					"let the ingress pass the application's redirects to the client instead of following them "
							+ "(Envoy: remove internal_redirect_policy; nginx: no error_page for 302)",
					seen)
				.or("or use the header hand-off (download.sendfile.object-storage.mode=header) with a proxy "
						+ "that can hand off");
			case HEAD_REFUSED -> new Explanation(Cause.HEAD_REFUSED,
					"answer HEAD like GET: the ingress must pass HEAD to the application, and the application's "
							+ "downloads must call SendfileResponder.respond(method, storage, path) so a HEAD is "
							+ "presigned for HEAD",
					seen);
			case PUBLIC_ENDPOINT_UNREACHABLE -> store(result);
			case LINK_EXPIRED -> expired(seen);
			case CLOCK_SKEW -> clockSkew(seen);
			case REDIRECT_WRONG -> wrongRedirect(result, backend, seen);
			case CONNECTION_REFUSED, UNKNOWN_HOST, TLS, TRANSPORT -> new Explanation(Cause.PROXY_UNREACHABLE,
					"start the ingress, or set download.healthcheck.end-to-end.url to the address it listens on", seen);
			default -> Observed.unknown(result);
		};
	}

	private static Explanation wrongRedirect(CheckResult result, @Nullable CheckResult backend, String seen) {
		int status = Observed.status(result);
		if ((status == 502 || status == 503) && Observed.isUp(backend)) {
			return new Explanation(Cause.UPSTREAM_UNREACHABLE,
					"point the ingress's backend at the application's address and port", seen,
					Observed.proven(Layer.BACKEND));
		}
		if (status == 504 && Observed.isUp(backend)) {
			return new Explanation(Cause.UPSTREAM_SLOW,
					"make the ingress reach the application directly: it gave up waiting for it", seen,
					Observed.proven(Layer.BACKEND));
		}
		return new Explanation(Cause.INGRESS_ANSWERS_OTHER,
				"route the healthcheck view to the application and pass its answers on unchanged", seen,
				Observed.proven(Layer.BACKEND));
	}

	private static Explanation locationRewritten(String seen, String because) {
		return new Explanation(Cause.LOCATION_REWRITTEN,
				"stop the ingress from rewriting Location on the application's redirects (HAProxy: remove "
						+ "http-response replace-header/set-header Location; nginx: proxy_redirect off): a changed "
						+ "URL no longer matches its signature",
				seen, because);
	}

	private static Explanation expired(String seen) {
		return new Explanation(Cause.PRESIGNED_URL_EXPIRED, "raise download.sendfile.object-storage.redirect.lifetime"
				+ ": the presigned URL expires before a client reaches the store with it", seen);
	}

	private static Explanation clockSkew(String seen) {
		return new Explanation(Cause.CLOCK_SKEW, "synchronize the clocks of the application's host and the store "
				+ "(NTP): a signature is valid only within minutes of the store's time", seen);
	}

}
