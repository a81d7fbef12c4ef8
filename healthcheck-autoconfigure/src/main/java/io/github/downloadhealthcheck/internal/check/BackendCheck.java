package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code backend}: calls the application's healthcheck view directly, bypassing the
 * proxy, and expects {@code 200}, the hand-off header with exactly the value the rules
 * give, and an empty body. A working proxy would hide the header, which is why this check
 * must not go through it.
 */
public final class BackendCheck extends ViewCheck {

	private final BackendExpectation expectation;

	private final DummyExpectation dummy;

	/**
	 * Creates the check.
	 * @param probe sends the request
	 * @param url the view's URL on the application's own port; {@code null} until known
	 * @param expectation the hand-off the rules give for the dummy file
	 * @param dummy the dummy file
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public BackendCheck(HttpProbe probe, Supplier<@Nullable URI> url, BackendExpectation expectation, DummyFile dummy,
			Duration timeout, Clock clock) {
		super(probe, url, timeout, clock);
		this.expectation = expectation;
		this.dummy = new DummyExpectation(dummy);
	}

	@Override
	protected Mono<CheckResult> call(URI uri, ResultRecorder recorder) {
		return HttpChecks.get(this.probe, uri, this.timeout, recorder, this.expectation.describe(), this::evaluate);
	}

	private CheckResult evaluate(HttpObservation seen, ResultRecorder recorder) {
		var expected = this.expectation.describe();
		if (seen.status() != 200) {
			TransportFailures.Failure failure = DummyExpectation.unexpectedStatus(seen, statusAdvice(seen.status()));
			return recorder.down(failure.symptom(), "healthcheck view " + failure.reason(), expected, seen.describe(),
					failure.evidence());
		}
		String name = this.expectation.headerName();
		String value = (name != null) ? seen.header(name) : null;
		if (!this.expectation.handsOff() || (seen.handOffHeaders().isEmpty() && this.dummy.matches(seen))) {
			String why = (this.expectation.noHandOffReason() != null) ? this.expectation.noHandOffReason()
					: "the answering application has other sendfile rules than this one";
			Evidence.NoHandOff kind = (this.expectation.noHandOff() != Evidence.NoHandOff.NONE)
					? this.expectation.noHandOff() : Evidence.NoHandOff.OTHER_RULES;
			return recorder.down(Symptom.STREAMED_BY_APPLICATION,
					"the application streamed the dummy file itself instead of handing it off to the proxy: " + why,
					expected, seen.describe(), seen.evidence().withNoHandOff(kind));
		}
		if (value == null) {
			return recorder.down(Symptom.HAND_OFF_HEADER_WRONG,
					"no " + name + " header in the healthcheck view's answer", expected, seen.describe(),
					seen.evidence());
		}
		if (!this.expectation.matches(value)) {
			return recorder.down(
					Symptom.HAND_OFF_HEADER_WRONG, name + " is '" + Urls.maskedHandOff(value)
							+ "' but the sendfile rules give '" + this.expectation.shownValue() + "'",
					expected, seen.describe(), seen.evidence());
		}
		if (seen.bodyBytes() > 0) {
			return recorder.down(
					Symptom.BODY_WITH_HAND_OFF, "the healthcheck view sent " + seen.bodyBytes()
							+ " body bytes along with " + name + "; a hand-off has an empty body",
					expected, seen.describe(), seen.evidence());
		}
		return recorder.up(expected, seen.describe());
	}

	private static String statusAdvice(int status) {
		if (status == 404) {
			return "no healthcheck view at this URL: check download.healthcheck.view.enabled and "
					+ "download.healthcheck.view.path";
		}
		if (status == 401 || status == 403) {
			return "the healthcheck view is secured: permit anonymous GET to it";
		}
		return "see the application's log for the error";
	}

}
