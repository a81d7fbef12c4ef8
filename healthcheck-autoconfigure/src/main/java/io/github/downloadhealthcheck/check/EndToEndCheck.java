package io.github.downloadhealthcheck.check;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code end-to-end}: calls the healthcheck view through the proxy, the way a user downloads,
 * and expects {@code 200}, the dummy file's exact bytes and no hand-off header. Every proxy
 * answers a broken internal redirect with {@code 200} and an empty body, so only the bytes
 * prove the download works.
 */
public final class EndToEndCheck implements LayerCheck {

	private final HttpProbe probe;

	private final @Nullable URI url;

	private final @Nullable String objectStore;

	private final DummyExpectation dummy;

	private final Duration timeout;

	private final Clock clock;

	private final @Nullable ProxyHints hints;

	/**
	 * Creates the check, for reasons in general terms.
	 * @param probe sends the request
	 * @param url the healthcheck view through the proxy, {@code null} when not configured
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public EndToEndCheck(HttpProbe probe, @Nullable URI url, DummyFile dummy, Duration timeout, Clock clock) {
		this(probe, url, null, dummy, timeout, clock, null);
	}

	/**
	 * Creates the check, for reasons in the words of the proxy the dummy file is handed off to.
	 * @param probe sends the request
	 * @param url the healthcheck view through the proxy, {@code null} when not configured
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 * @param hints the proxy's names for its settings, {@code null} when no rule hands the dummy
	 * file off
	 */
	public EndToEndCheck(HttpProbe probe, @Nullable URI url, DummyFile dummy, Duration timeout, Clock clock,
			@Nullable ProxyHints hints) {
		this(probe, url, null, dummy, timeout, clock, hints);
	}

	/**
	 * Creates the check for downloads the proxy fetches from an object store.
	 * @param probe sends the request
	 * @param url the healthcheck view through the proxy, {@code null} when not configured
	 * @param objectStore the store the proxy fetches objects from, named in reasons;
	 * {@code null} for files
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public EndToEndCheck(HttpProbe probe, @Nullable URI url, @Nullable String objectStore, DummyFile dummy,
			Duration timeout, Clock clock) {
		this(probe, url, objectStore, dummy, timeout, clock, null);
	}

	private EndToEndCheck(HttpProbe probe, @Nullable URI url, @Nullable String objectStore, DummyFile dummy,
			Duration timeout, Clock clock, @Nullable ProxyHints hints) {
		this.probe = probe;
		this.url = url;
		this.objectStore = objectStore;
		this.dummy = new DummyExpectation(dummy);
		this.timeout = timeout;
		this.clock = clock;
		this.hints = hints;
	}

	@Override
	public Layer layer() {
		return Layer.END_TO_END;
	}

	@Override
	public String requested() {
		return (this.url != null) ? HttpChecks.requested(this.url)
				: "nothing: download.healthcheck.end-to-end.url is not set";
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = new ResultRecorder(Layer.END_TO_END, requested(), this.clock);
		if (this.url == null) {
			return Mono.just(recorder.unknown(Symptom.NOT_CONFIGURED, "not configured: set "
					+ "download.healthcheck.end-to-end.url to the healthcheck view's URL through the proxy"));
		}
		return HttpChecks.get(this.probe, this.url, this.timeout, recorder, this.dummy.describe(), this::evaluate);
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		Map<String, Object> expected = this.dummy.describe();
		if (seen.status() != 200) {
			// 403 and 404 are what every proxy answers when the hand-off target misses the file.
			boolean targetMissed = this.hints != null && (seen.status() == 403 || seen.status() == 404);
			TransportFailures.Failure failure = DummyExpectation.unexpectedStatus(seen,
					(seen.status() >= 300 && seen.status() < 400) ? "the proxy or the application redirects the view"
							: (this.objectStore != null) ? "the proxy, the application behind it, or " + this.objectStore
									+ " the proxy fetches the object from failed" + StoreErrors.suffix(seen)
							: "the proxy or the application behind it failed" + (targetMissed
									? " (" + this.hints.proxy() + ": " + this.hints.handOffTarget() + "?)" : ""));
			return recorder.down(failure.symptom(), failure.reason(), expected, seen.describe());
		}
		Map<String, String> leaked = seen.handOffHeaders();
		if (!leaked.isEmpty()) {
			String why = (this.hints != null) ? this.hints.notActedOn() : "the proxy did not act on the hand-off";
			return recorder.down(Symptom.HAND_OFF_HEADER_LEAKED, why + " (the client got "
					+ String.join(", ", leaked.keySet()) + " instead of the file)", expected, seen.describe());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(seen);
		if (mismatch != null) {
			String why = (this.hints != null && mismatch.symptom() == Symptom.EMPTY_BODY)
					? ": " + this.hints.emptyBody() : "";
			return recorder.down(mismatch.symptom(), mismatch.reason() + why, expected, seen.describe());
		}
		return recorder.up(expected, seen.describe());
	}

}
