package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * Causes of an {@code end-to-end} answered with a status other than {@code 200}: who
 * wrote the body, which status the proxy uses for which failure, and what {@code proxy}
 * and {@code backend} proved.
 */
final class EndToEndStatusCauses {

	private EndToEndStatusCauses() {
	}

	static Explanation explain(CheckResult result, @Nullable CheckResult proxyResult,
			@Nullable CheckResult backendResult, @Nullable Explanation proxy, DiagnosisContext context) {
		ProxyHints hints = context.hints();
		int status = Observed.status(result);
		String seen = Observed.saw(result);
		if (context.objectStorage()) {
			return EndToEndCauses.objectHandOff(context, seen);
		}
		if (result.evidence().bodyFrom() == Evidence.BodyFrom.APPLICATION) {
			// The application's own error came back: the request that reached it was the
			// hand-off URI (no internal location caught it) or another path.
			String path = result.evidence().errorPath();
			if (path != null && path.startsWith(trimmed(context.handOffTarget()))) {
				return handOffTargetMissing(context, seen,
						"the application answered a request for the hand-off target " + path + " itself");
			}
			return new Explanation(Cause.VIEW_ROUTE_WRONG,
					"pass the view's path to the application unchanged (" + Observed.upstreamLine(backendResult, hints)
							+ ")",
					seen)
				.or("or set download.healthcheck.end-to-end.url to the URL at which the proxy serves the view");
		}
		// 502 from nginx and Caddy, 503 from Apache and lighttpd: the proxy's words for
		// an upstream that refused; the backend check reached the application directly.
		if ((status == 502 || status == 503) && Observed.isUp(backendResult)) {
			return new Explanation(Cause.UPSTREAM_UNREACHABLE,
					"point the proxy's upstream at the application: " + Observed.upstreamLine(backendResult, hints),
					seen, Observed.proven(Layer.BACKEND));
		}
		if (status == 504 && Observed.isUp(backendResult)) {
			return EndToEndCauses.upstreamSlow(result, backendResult, hints);
		}
		if ((status == 404 || status == 403) && proxy != null && proxyResult != null && proxyResult.isDown()
				&& (proxy.cause() == Cause.PROXY_STORAGE_PATH_WRONG
						|| proxy.cause() == Cause.PROXY_STORAGE_PERMISSION)) {
			// The proxy reads another folder (or may not read it) for its dummy location:
			// the same for the hand-off target.
			String fix = (proxy.cause() == Cause.PROXY_STORAGE_PATH_WRONG)
					? "point the hand-off target at " + context.storage() + ": " + hints.handOffTarget() : proxy.fix();
			return new Explanation(proxy.cause(), fix, seen, Observed.saw(proxyResult)).via(Layer.PROXY);
		}
		if ((status == 404 || status == 403) && Observed.isUp(proxyResult)) {
			return handOffTargetMissing(context, seen, Observed.proven(Layer.PROXY));
		}
		return Observed.unknown(result);
	}

	private static Explanation handOffTargetMissing(DiagnosisContext context, String seen, String because) {
		ProxyHints hints = context.hints();
		return new Explanation(Cause.HAND_OFF_TARGET_MISSING,
				"give " + hints.proxy() + " the hand-off target the application names (" + context.handOffTarget()
						+ "): " + hints.handOffTarget(),
				seen, because)
			.or("or set download.sendfile.rules[n].destination to the target " + hints.proxy() + " has");
	}

	private static String trimmed(String target) {
		return target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
	}

}
