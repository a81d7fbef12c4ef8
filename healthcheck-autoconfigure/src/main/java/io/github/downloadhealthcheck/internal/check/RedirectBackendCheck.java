package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

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
public final class RedirectBackendCheck extends ViewCheck {

	private static final String WHO = "the healthcheck view";

	private final RedirectExpectation expectation;

	RedirectBackendCheck(HttpProbe probe, Supplier<@Nullable URI> url, RedirectExpectation expectation,
			Duration timeout, Clock clock) {
		super(probe, url, timeout, clock);
		this.expectation = expectation;
	}

	@Override
	protected Mono<CheckResult> call(URI uri, ResultRecorder recorder) {
		return HttpChecks.get(this.probe, uri, this.timeout, recorder, this.expectation.describe(), this::evaluate);
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
			return recorder.down(wrong.symptom(), wrong.reason() + why, expected, shown, seen.evidence());
		}
		String cacheable = this.expectation.cacheable(seen, WHO);
		if (cacheable != null) {
			return recorder.down(Symptom.REDIRECT_CACHEABLE, cacheable, expected, shown, seen.evidence());
		}
		if (seen.bodyBytes() > 0) {
			return recorder.down(Symptom.BODY_WITH_HAND_OFF,
					WHO + " sent " + seen.bodyBytes() + " body bytes with the redirect; it has none", expected, shown,
					seen.evidence());
		}
		return recorder.up(expected, shown);
	}

}
