package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.ProxyHints;

/**
 * What the causes read off the results, typed, and the evidence lines naming what other
 * layers proved.
 */
final class Observed {

	/** Symptoms of no answer at all. */
	static final Set<Symptom> TRANSPORT = Set.of(Symptom.CONNECTION_REFUSED, Symptom.UNKNOWN_HOST, Symptom.TIMEOUT,
			Symptom.TLS, Symptom.TRANSPORT);

	private Observed() {
	}

	static boolean isUp(@Nullable CheckResult result) {
		return result != null && result.isUp();
	}

	static boolean isTransport(CheckResult result) {
		return TRANSPORT.contains(result.symptom());
	}

	static int status(CheckResult result) {
		return result.evidence().status();
	}

	/**
	 * What an UP layer proves, as an evidence line.
	 */
	static String proven(Layer layer) {
		return switch (layer) {
			case STORAGE -> "storage UP: the dummy file reads back from storage, same bytes";
			case BACKEND -> "backend UP: called directly, the application answers the exact hand-off";
			case PROXY -> "proxy UP: the proxy's own dummy location serves the dummy file from storage";
			case END_TO_END -> "end-to-end UP";
		};
	}

	static String saw(CheckResult result) {
		Evidence evidence = result.evidence();
		StringBuilder line = new StringBuilder(result.layer().id()).append(": ").append(result.symptom());
		if (evidence.status() >= 0) {
			line.append(", status ").append(evidence.status());
		}
		if (evidence.bodyFrom() != Evidence.BodyFrom.NONE) {
			line.append(", body from ").append(evidence.bodyFrom().name().toLowerCase(java.util.Locale.ROOT));
		}
		if (evidence.late() != Evidence.Late.NONE) {
			line.append(", late: ").append(evidence.late().name().toLowerCase(java.util.Locale.ROOT));
		}
		if (evidence.storageFault() != Evidence.StorageFault.NONE) {
			line.append(", storage fault ").append(evidence.storageFault());
		}
		if (evidence.rewriteFault() != Evidence.StorageFault.NONE) {
			line.append(", rewrite fault ").append(evidence.rewriteFault());
		}
		if (evidence.storeErrorCode() != null) {
			line.append(", store code ").append(evidence.storeErrorCode());
		}
		return line.toString();
	}

	/**
	 * The unknown cause, with what was seen: an honest unknown beats a wrong lead.
	 */
	static Explanation unknown(CheckResult result) {
		return new Explanation(Cause.UNKNOWN, "not known: no documented cause fits what " + result.layer().id()
				+ " saw (" + saw(result) + "): see its reason and evidence", saw(result));
	}

	static String upstreamLine(@Nullable CheckResult backend, ProxyHints hints) {
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

	static String location(CheckResult result) {
		String location = result.evidence().location();
		return (location != null) ? location : "<Location>";
	}

}
