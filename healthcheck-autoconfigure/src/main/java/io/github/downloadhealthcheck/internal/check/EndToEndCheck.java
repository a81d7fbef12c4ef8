package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.StoreErrors;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code end-to-end}: calls the healthcheck view through the proxy, the way a user
 * downloads, and expects {@code 200}, the dummy file's exact bytes and no hand-off
 * header. Every proxy answers a broken internal redirect with {@code 200} and an empty
 * body, so only the bytes prove the download works.
 */
public final class EndToEndCheck extends HttpLayerCheck {

	private final URI url;

	private final @Nullable ProxyHints hints;

	private final @Nullable String objectStore;

	private final DummyExpectation dummy;

	/**
	 * Creates the check.
	 * @param probe sends the request
	 * @param url the healthcheck view through the proxy
	 * @param hints the words of the proxy the dummy file is handed off to, {@code null}
	 * when no rule hands it off or for objects
	 * @param objectStore the object store the proxy fetches objects from, named in
	 * reasons; {@code null} for a folder
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public EndToEndCheck(HttpProbe probe, URI url, @Nullable ProxyHints hints, @Nullable String objectStore,
			DummyFile dummy, Duration timeout, Clock clock) {
		super(Layer.END_TO_END, probe, timeout, clock);
		this.url = url;
		this.hints = hints;
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
		return HttpChecks.get(this.probe, this.url, this.timeout, recorder, this.dummy.describe(), this::evaluate);
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		Map<String, Object> expected = this.dummy.describe();
		if (seen.status() != 200) {
			// What was seen, not a guess: who wrote the error body tells the proxy's own
			// refusal from the application's answer passed through; the cause analysis
			// draws the fix from it.
			String from = switch (seen.bodyFrom()) {
				case PROXY -> " (the proxy's own error page)";
				case APPLICATION -> " (the application's own error, passed through by the proxy)";
				case NONE -> " (no body)";
				case STORE, UNKNOWN -> "";
			};
			TransportFailures.Failure failure = DummyExpectation.unexpectedStatus(seen,
					(seen.status() >= 300 && seen.status() < 400) ? "the proxy or the application redirects the view"
							: (this.objectStore != null)
									? "the proxy, the application behind it, or " + this.objectStore
											+ " the proxy fetches the object from failed" + StoreErrors.suffix(seen)
									: "the proxy or the application behind it failed" + from);
			return recorder.down(failure.symptom(), failure.reason(), expected, seen.describe(), failure.evidence());
		}
		Map<String, String> leaked = seen.handOffHeaders();
		if (!leaked.isEmpty()) {
			String why = (this.hints != null) ? this.hints.notActedOn() : "the proxy did not act on the hand-off";
			return recorder.down(Symptom.HAND_OFF_HEADER_LEAKED,
					why + " (the client got " + String.join(", ", leaked.keySet()) + " instead of the file)", expected,
					seen.describe(), seen.evidence());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(seen);
		if (mismatch != null) {
			String why = (this.hints != null && mismatch.symptom() == Symptom.EMPTY_BODY)
					? ": " + this.hints.emptyBody() : "";
			return recorder.down(mismatch.symptom(), mismatch.reason() + why, expected, seen.describe(),
					mismatch.evidence());
		}
		return recorder.up(expected, seen.describe());
	}

}
