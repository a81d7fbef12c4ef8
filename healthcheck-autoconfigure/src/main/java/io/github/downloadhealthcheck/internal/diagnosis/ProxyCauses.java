package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * Causes of a DOWN {@code proxy}: its own dummy location, or, with the redirect hand-off,
 * the store's public endpoint as clients reach it. Decided on the answer and on what
 * {@code storage} proved.
 */
final class ProxyCauses {

	private ProxyCauses() {
	}

	static Explanation explain(CheckResult result, @Nullable CheckResult storage, DiagnosisContext context) {
		if (context.redirect()) {
			return RedirectCauses.store(result);
		}
		ProxyHints hints = context.hints();
		String seen = Observed.saw(result);
		boolean storageUp = Observed.isUp(storage);
		return switch (result.symptom()) {
			case CONNECTION_REFUSED -> new Explanation(Cause.PROXY_UNREACHABLE,
					"start the proxy, or set download.healthcheck.proxy.url to the address it listens on", seen);
			case UNKNOWN_HOST -> new Explanation(Cause.PROXY_HOST_UNKNOWN,
					"fix the host name in download.healthcheck.proxy.url (and download.healthcheck.end-to-end.url)",
					seen);
			case TLS -> new Explanation(Cause.PROXY_CERTIFICATE_UNTRUSTED,
					"trust the proxy's certificate through an SSL bundle and set download.healthcheck.ssl-bundle",
					seen);
			case TIMEOUT -> switch (result.evidence().late()) {
				case HEADERS -> new Explanation(Cause.PROXY_UNRESPONSIVE,
						"give the proxy room to answer: it accepted the connection but sent no headers in time "
								+ "(all workers busy or blocked; its error log and worker limits say which)",
						seen);
				case BODY -> new Explanation(Cause.PROXY_BODY_THROTTLED,
						"remove " + hints.rateLimitSetting() + " from the dummy file's location", seen);
				case NONE -> Observed.unknown(result);
			};
			case WRONG_STATUS -> wrongStatus(result, storageUp, context);
			case EMPTY_BODY, WRONG_BYTES, BODY_TOO_LARGE -> {
				if (result.evidence().contentEncoding() != null) {
					yield EndToEndCauses.encoded(result, "the dummy file's location");
				}
				yield storageUp ? new Explanation(Cause.PROXY_SERVES_OTHER_FILE,
						"point the " + hints.publicDummyLocation() + " at the dummy file itself", seen,
						Observed.proven(Layer.STORAGE)) : Observed.unknown(result);
			}
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.proxy.url to the final URL (" + Observed.location(result) + ")", seen)
				.or("or remove the redirect from the proxy");
			default -> Observed.unknown(result);
		};
	}

	private static Explanation wrongStatus(CheckResult result, boolean storageUp, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		int status = Observed.status(result);
		String seen = Observed.saw(result);
		if (context.objectStorage()) {
			return new Explanation(Cause.PROXY_STORE_ACCESS,
					"make the dummy object's location proxy_pass to " + context.storage()
							+ " with path, query and the store's Host unchanged (the store answered " + status + ")",
					seen);
		}
		if (status == 404 && storageUp) {
			return new Explanation(Cause.PROXY_STORAGE_PATH_WRONG,
					"point the " + hints.publicDummyLocation() + " at the dummy file of " + context.storage(), seen,
					Observed.proven(Layer.STORAGE));
		}
		if (status == 403 && storageUp) {
			return new Explanation(Cause.PROXY_STORAGE_PERMISSION,
					"give the proxy's worker user read access to " + context.storage(), seen,
					Observed.proven(Layer.STORAGE));
		}
		if (status >= 500 && result.evidence().bodyFrom() == Evidence.BodyFrom.PROXY) {
			return new Explanation(Cause.PROXY_LOCATION_FAILS, "serve the dummy file's location from storage ("
					+ hints.publicDummyLocation() + "): it answers " + status + " itself", seen);
		}
		return Observed.unknown(result);
	}

}
