package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Explanation;

/**
 * Causes of a DOWN {@code backend}: the healthcheck view called directly on the
 * application's own port, decided on its status, its headers and why the application's
 * own rules do not hand the dummy file off.
 */
final class BackendCauses {

	private BackendCauses() {
	}

	static Explanation explain(CheckResult result, DiagnosisContext context) {
		int status = Observed.status(result);
		String seen = Observed.saw(result);
		return switch (result.symptom()) {
			case STREAMED_BY_APPLICATION -> switch (result.evidence().noHandOff()) {
				case DISABLED -> new Explanation(Cause.HAND_OFF_DISABLED, "set download.sendfile.enabled=true",
						"backend: the application streamed the dummy file itself; its sendfile settings are "
								+ "switched off");
				case NO_RULE -> new Explanation(Cause.NO_RULE_FOR_STORAGE,
						"add a download.sendfile.rules[n].source equal to the storage root of " + context.storage(),
						"backend: the application streamed the dummy file itself; no sendfile rule covers "
								+ context.storage());
				case PROXY_CANNOT, OTHER_RULES, NONE -> Observed.unknown(result);
			};
			case WRONG_STATUS -> switch (status) {
				case 404 -> new Explanation(Cause.VIEW_NOT_FOUND,
						"point download.healthcheck.backend.url at the view's path, download.healthcheck.view.path",
						seen)
					.or("or set download.healthcheck.view.path back to the path the URLs use");
				case 401,
						403 ->
					new Explanation(Cause.VIEW_SECURED,
							"permit anonymous GET to the healthcheck view (download.healthcheck.view.path) in the "
									+ "application's security configuration",
							seen);
				default -> (status >= 500) ? new Explanation(Cause.VIEW_FAILING,
						"fix the error the application logged for the healthcheck view (a filter or interceptor "
								+ "in front of it fails)",
						seen) : Observed.unknown(result);
			};
			case REDIRECT -> new Explanation(Cause.REDIRECTED,
					"set download.healthcheck.backend.url to the final URL (" + Observed.location(result) + ")", seen);
			case HAND_OFF_HEADER_WRONG, BODY_WITH_HAND_OFF ->
				context.redirect() ? new Explanation(Cause.REDIRECT_NOT_ANSWERED,
						"leave the responder's redirect as it is: something in the application adds a body to it", seen)
						: new Explanation(Cause.HAND_OFF_HEADER_WRONG,
								"let the healthcheck view's answer through unchanged: something between it and "
										+ "download.healthcheck.backend.url rewrites its headers or body",
								seen);
			case REDIRECT_WRONG -> new Explanation(Cause.REDIRECT_NOT_ANSWERED,
					"make the application answer downloads only through the sendfile API with "
							+ "download.sendfile.object-storage.mode=redirect, and set "
							+ "download.healthcheck.storage.s3.public-endpoint to the store's address for clients",
					seen);
			case REDIRECT_CACHEABLE -> new Explanation(Cause.REDIRECT_CACHEABLE,
					"leave the responder's Cache-Control: no-store on the redirect: something in the application "
							+ "(a filter, a security header writer) adds a cache lifetime",
					seen);
			case CONNECTION_REFUSED, UNKNOWN_HOST, TLS, TRANSPORT -> new Explanation(Cause.BACKEND_UNREACHABLE,
					"set download.healthcheck.backend.url to the application's own address and port", seen);
			case TIMEOUT -> new Explanation(Cause.BACKEND_SLOW,
					"find what holds the application's request threads (a thread dump shows it): called "
							+ "directly, it did not answer in time",
					seen);
			default -> Observed.unknown(result);
		};
	}

}
