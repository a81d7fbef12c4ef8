package io.github.downloadhealthcheck.check;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@code backend} in the redirect hand-off: calls the healthcheck view directly and
 * expects the redirect the settings give: the configured status, {@code Location} the
 * dummy object's URL on the store's public endpoint, signed and valid for at most the
 * lifetime, uncacheable, no body.
 */
public final class RedirectBackendCheck implements LayerCheck {

	private static final String WHO = "the healthcheck view";

	private final HttpProbe probe;

	private final Supplier<@Nullable URI> url;

	private final RedirectExpectation expectation;

	private final Duration timeout;

	private final Clock clock;

	RedirectBackendCheck(HttpProbe probe, Supplier<@Nullable URI> url, RedirectExpectation expectation,
			Duration timeout, Clock clock) {
		this.probe = probe;
		this.url = url;
		this.expectation = expectation;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Layer layer() {
		return Layer.BACKEND;
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public String requested() {
		URI uri = this.url.get();
		return (uri != null) ? HttpChecks.requested(uri) : "GET the healthcheck view on the application's port";
	}

	@Override
	public Mono<CheckResult> check() {
		URI uri = this.url.get();
		ResultRecorder recorder = new ResultRecorder(Layer.BACKEND, requested(), this.clock);
		if (uri == null) {
			return Mono.just(recorder.unknown(Symptom.NOT_CONFIGURED,
					"the application's port is not known yet (web server not started); "
							+ "or set download.healthcheck.backend.url"));
		}
		return HttpChecks.get(this.probe, uri, this.timeout, recorder, this.expectation.describe(), this::evaluate)
			.map(RedirectDiagnosis::mark);
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		Map<String, Object> expected = this.expectation.describe();
		Map<String, Object> shown = RedirectExpectation.seen(seen);
		TransportFailures.Failure wrong = this.expectation.wrongRedirect(seen, WHO);
		if (wrong != null) {
			String why = (seen.status() == 200)
					? ": it streams or hands the object off; set download.sendfile.object-storage.mode=redirect in "
							+ "the application the healthcheck view runs in"
					: "";
			return recorder.down(wrong.symptom(), wrong.reason() + why, expected, shown);
		}
		String cacheable = this.expectation.cacheable(seen, WHO);
		if (cacheable != null) {
			return recorder.down(Symptom.REDIRECT_CACHEABLE, cacheable, expected, shown);
		}
		if (seen.bodyBytes() > 0) {
			return recorder.down(Symptom.BODY_WITH_HAND_OFF,
					WHO + " sent " + seen.bodyBytes() + " body bytes with the redirect; it has none", expected, shown);
		}
		return recorder.up(expected, shown);
	}

}
