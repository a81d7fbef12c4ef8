package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.FindingReport;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.StoreErrors;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code proxy}: asks the reverse proxy for the location that serves the dummy file
 * straight from storage, and expects {@code 200} with the exact bytes. Then, when given
 * the URI the application hands the dummy file off to, requests it from outside too and
 * expects not to get the dummy file: a hand-off location a client can reach exposes the
 * whole storage.
 */
public final class ProxyCheck extends HttpLayerCheck {

	private final URI url;

	private final UnaryOperator<URI> presign;

	private final @Nullable URI handOffUri;

	private final @Nullable String objectStore;

	private final DummyExpectation dummy;

	/**
	 * Creates the check.
	 * @param probe sends the request
	 * @param url the proxy location serving the dummy file
	 * @param presign adds a fresh presigned query for the dummy object to the URL when
	 * the proxy fetches it from an object store (so the proxy needs no credentials); the
	 * identity for a folder
	 * @param handOffUri the dummy file's hand-off URI on the proxy's origin, which must
	 * not serve it; {@code null} to skip that step
	 * @param objectStore the object store the proxy fetches from, named in reasons;
	 * {@code null} for a folder
	 * @param dummy the dummy file
	 * @param timeout how long the check may take, both requests together
	 * @param clock stamps results
	 */
	public ProxyCheck(HttpProbe probe, URI url, UnaryOperator<URI> presign, @Nullable URI handOffUri,
			@Nullable String objectStore, DummyFile dummy, Duration timeout, Clock clock) {
		super(Layer.PROXY, probe, timeout, clock);
		this.url = url;
		this.presign = presign;
		this.handOffUri = handOffUri;
		this.objectStore = objectStore;
		this.dummy = new DummyExpectation(dummy);
	}

	@Override
	public String requested() {
		return HttpChecks.requested(this.url);
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = recorder();
		URI target = this.url;
		// Presigning resolves credentials, which may fail: a failure of this check, not
		// of the refresh.
		Mono<CheckResult> dummyCheck = Mono.defer(() -> HttpChecks.get(this.probe, this.presign.apply(target),
				this.timeout, recorder, this.dummy.describe(), this::evaluate));
		URI handOff = this.handOffUri;
		if (handOff == null) {
			return dummyCheck;
		}
		// Both requests at once: the layer takes as long as the slower one, not the sum.
		return Mono.zip(dummyCheck, exposure(handOff))
			.map((both) -> withExposure(both.getT1(), both.getT2(), handOff, recorder));
	}

	/**
	 * What the hand-off URI answered an anonymous client.
	 *
	 * @param details what was requested and seen, for the health details
	 * @param servesDummy whether it served the dummy file's bytes
	 */
	private record Exposure(Map<String, Object> details, boolean servesDummy) {
	}

	/**
	 * The hand-off URI must not serve the dummy file to a client. Only a positive answer
	 * counts: a refusal, an error or no answer in time all mean the storage is not served
	 * there.
	 */
	private Mono<Exposure> exposure(URI handOff) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requested", HttpChecks.requested(handOff));
		return Mono
			.deferContextual(
					(context) -> this.probe.get(handOff).timeout(this.timeout, CheckSchedulers.of(context).timer()))
			.map((seen) -> {
				details.put("status", seen.status());
				return new Exposure(details, seen.status() == 200 && this.dummy.matches(seen));
			})
			.onErrorResume((error) -> {
				details.put("reason", TransportFailures.classify(error, Urls.masked(handOff), this.timeout).reason());
				return Mono.just(new Exposure(details, false));
			});
	}

	/**
	 * Exposure is reported only when the proxy serves the dummy file where it should: a
	 * layer already down keeps its own reason. It is a {@link Finding}, never a reason to
	 * go down: downloads work, and taking every instance out of service would mend
	 * nothing.
	 */
	private CheckResult withExposure(CheckResult result, Exposure exposure, URI handOff, ResultRecorder recorder) {
		if (!result.isUp()) {
			return result;
		}
		Map<String, Object> seen = new LinkedHashMap<>(result.seen());
		seen.put("exposure", exposure.details());
		CheckResult up = recorder.up(result.expected(), seen);
		if (exposure.servesDummy()) {
			return up.reporting(new FindingReport(Finding.STORAGE_EXPOSED,
					"storage exposed publicly: " + HttpChecks.requested(handOff)
							+ " served the dummy file to an anonymous client, so anybody "
							+ "can download every stored file by its path, bypassing the application",
					exposureFix(handOff)));
		}
		return up;
	}

	private static String exposureFix(URI handOff) {
		return "make the proxy location answering " + handOff.getRawPath() + " internal, reachable only through "
				+ "the application's hand-off (nginx: add 'internal;' to it; Caddy: serve storage only inside "
				+ "handle_response), or set download.healthcheck.proxy.check-exposure=false if anybody may "
				+ "download stored files by path";
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		if (seen.status() != 200) {
			String advice = (this.objectStore != null)
					? objectAdvice(seen.status(), this.objectStore) + StoreErrors.suffix(seen)
					: statusAdvice(seen.status());
			TransportFailures.Failure failure = DummyExpectation.unexpectedStatus(seen, advice);
			return recorder.down(failure.symptom(), "proxy " + failure.reason(), this.dummy.describe(), seen.describe(),
					failure.evidence());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(seen);
		if (mismatch != null) {
			return recorder.down(mismatch.symptom(), "proxy served the dummy location, but " + mismatch.reason(),
					this.dummy.describe(), seen.describe(), mismatch.evidence());
		}
		return recorder.up(this.dummy.describe(), seen.describe());
	}

	private static String objectAdvice(int status, String store) {
		return switch (status) {
			case 403 -> store + " refused the presigned GET the proxy passed on: the location must proxy_pass "
					+ "path, query and the store's Host unchanged, in time";
			case 404 -> store + " has no dummy object there: the location's proxy_pass must name the bucket and the "
					+ "dummy object's key, or the dummy object is missing";
			case 502, 503, 504 -> "the proxy could not fetch the dummy object from " + store
					+ ": is the store running and reachable from the proxy, and is the location's proxy_pass right?";
			default -> "the location serving the dummy object from " + store + " is misconfigured";
		};
	}

	private static String statusAdvice(int status) {
		return switch (status) {
			case 404 -> "the proxy finds no file there: the location's alias or root does not point at the "
					+ "storage root, or the dummy file is missing";
			case 403 -> "the proxy may not read the file: its worker user needs read access to the storage";
			case 502, 503, 504 -> "the proxy could not complete the request (is the location proxied instead of "
					+ "served from storage?)";
			default -> "the location serving the dummy file is misconfigured";
		};
	}

}
