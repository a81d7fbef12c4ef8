package io.github.downloadhealthcheck.check;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code proxy}: asks the reverse proxy for the location that serves the dummy file straight
 * from storage, and expects {@code 200} with the exact bytes.
 */
public final class ProxyCheck implements LayerCheck {

	private final HttpProbe probe;

	private final @Nullable URI url;

	private final DummyExpectation dummy;

	private final Duration timeout;

	private final Clock clock;

	/**
	 * Creates the check.
	 * @param probe sends the request
	 * @param url the proxy location serving the dummy file, {@code null} when not configured
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public ProxyCheck(HttpProbe probe, @Nullable URI url, DummyFile dummy, Duration timeout, Clock clock) {
		this.probe = probe;
		this.url = url;
		this.dummy = new DummyExpectation(dummy);
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Layer layer() {
		return Layer.PROXY;
	}

	@Override
	public String requested() {
		return (this.url != null) ? HttpChecks.requested(this.url) : "nothing: download.healthcheck.proxy.url is not set";
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = new ResultRecorder(Layer.PROXY, requested(), this.clock);
		if (this.url == null) {
			return Mono.just(recorder.unknown(Symptom.NOT_CONFIGURED, "not configured: set download.healthcheck.proxy.url "
					+ "to the proxy location that serves the dummy file straight from storage"));
		}
		return HttpChecks.get(this.probe, this.url, this.timeout, recorder, this.dummy.describe(), this::evaluate);
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		if (seen.status() != 200) {
			TransportFailures.Failure failure = DummyExpectation.unexpectedStatus(seen, statusAdvice(seen.status()));
			return recorder.down(failure.symptom(), "proxy " + failure.reason(), this.dummy.describe(), seen.describe());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(seen);
		if (mismatch != null) {
			return recorder.down(mismatch.symptom(), "proxy served the dummy location, but " + mismatch.reason()
					+ ": does the location's alias or root point at the storage root?", this.dummy.describe(),
					seen.describe());
		}
		return recorder.up(this.dummy.describe(), seen.describe());
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
