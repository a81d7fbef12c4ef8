package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * {@code end-to-end} in the redirect hand-off: calls the healthcheck view through the
 * ingress the way a browser does, expects exactly one redirect whose {@code Location} the
 * ingress left intact and no cache may keep, then follows it once and expects the dummy
 * object's exact bytes from the store. Redirects are never followed silently: this one is
 * inspected, then followed once, by design. Then the same for {@code HEAD}, which
 * download managers and link checkers send.
 */
public final class RedirectEndToEndCheck extends HttpLayerCheck {

	private final URI url;

	private static final String WHO = "the ingress";

	private final RedirectExpectation expectation;

	private final String store;

	private final DummyExpectation dummy;

	RedirectEndToEndCheck(HttpProbe probe, URI url, RedirectExpectation expectation, String store, DummyFile dummy,
			Duration timeout, Clock clock) {
		super(Layer.END_TO_END, probe, timeout, clock);
		this.url = url;
		this.expectation = expectation;
		this.store = store;
		this.dummy = new DummyExpectation(dummy);
	}

	@Override
	public String requested() {
		return HttpChecks.requested(this.url) + ", then its Location once";
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = recorder();
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("redirect", this.expectation.describe());
		expected.put("followed", this.dummy.describe());
		Map<String, Object> seen = new LinkedHashMap<>();
		// Which hop a transport failure happened on: the ingress, or the store.
		AtomicReference<String> hop = new AtomicReference<>(WHO);
		return this.probe.get(this.url).flatMap((redirect) -> {
			seen.put("redirect", RedirectExpectation.seen(redirect));
			CheckResult wrong = inspect(redirect, recorder, expected, seen);
			if (wrong != null) {
				return Mono.just(wrong);
			}
			hop.set(this.store);
			URI location = location(redirect);
			return this.probe.get(location).flatMap((followed) -> {
				seen.put("followed", RedirectExpectation.seen(followed));
				CheckResult bad = evaluateFollowed(followed, location, recorder, expected, seen);
				if (bad != null) {
					return Mono.just(bad);
				}
				hop.set(WHO + " (HEAD)");
				return head(recorder, expected, seen, hop);
			});
		})
			.timeout(this.timeout)
			.onErrorResume((error) -> Mono
				.just(transportFailure(error, Objects.requireNonNullElse(hop.get(), WHO), recorder, expected, seen)));
	}

	private @Nullable CheckResult inspect(HttpObservation redirect, ResultRecorder recorder,
			Map<String, Object> expected, Map<String, Object> seen) {
		if (redirect.status() == 200 && this.dummy.matches(redirect)) {
			return recorder.down(Symptom.INGRESS_FOLLOWED_REDIRECT,
					WHO + " answered the dummy object's bytes itself instead of the redirect: it follows the "
							+ "application's redirects (Envoy: internal_redirect_policy; nginx: "
							+ "proxy_intercept_errors with error_page 302), so it fetches every download through "
							+ "itself from the store",
					expected, seen, redirect.evidence());
		}
		TransportFailures.Failure wrong = this.expectation.wrongRedirect(redirect, WHO);
		if (wrong != null) {
			String location = redirect.header(HttpHeaders.LOCATION);
			if (location != null && redirect.status() == this.expectation.expected().status().value()) {
				return recorder.down(Symptom.LOCATION_REWRITTEN,
						WHO + " changed the redirect's Location to " + Urls.maskedHandOff(location)
								+ ": the presigned URL must reach the client exactly as the application signed it ("
								+ this.expectation.stableLocation() + "?<presigned query>)",
						expected, seen, redirect.evidence());
			}
			String advice = (redirect.status() == 502 || redirect.status() == 503 || redirect.status() == 504)
					? ": the ingress cannot reach the application" : "";
			return recorder.down(wrong.symptom(), wrong.reason() + advice, expected, seen, redirect.evidence());
		}
		String cacheable = this.expectation.cacheable(redirect, WHO);
		if (cacheable != null) {
			return recorder.down(Symptom.REDIRECT_CACHEABLE, cacheable, expected, seen, redirect.evidence());
		}
		return null;
	}

	private @Nullable CheckResult evaluateFollowed(HttpObservation followed, URI location, ResultRecorder recorder,
			Map<String, Object> expected, Map<String, Object> seen) {
		if (followed.status() != 200) {
			TransportFailures.Failure failure = StoreRefusals.explain(followed, this.store, this.clock,
					RedirectExpectation.LIFETIME_PROPERTY, RedirectExpectation.expiresAt(location));
			return recorder.down(failure.symptom(), "following the redirect: " + failure.reason(), expected, seen,
					failure.evidence());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(followed);
		if (mismatch != null) {
			return recorder.down(mismatch.symptom(),
					"following the redirect to " + this.store + ": " + mismatch.reason(), expected, seen,
					mismatch.evidence());
		}
		return null;
	}

	private Mono<CheckResult> head(ResultRecorder recorder, Map<String, Object> expected, Map<String, Object> seen,
			AtomicReference<String> hop) {
		return this.probe.head(this.url).flatMap((redirect) -> {
			Map<String, Object> headSeen = new LinkedHashMap<>();
			headSeen.put("status", redirect.status());
			seen.put("head", headSeen);
			String location = redirect.header(HttpHeaders.LOCATION);
			if (redirect.status() != this.expectation.expected().status().value() || location == null) {
				return Mono.just(recorder.down(Symptom.HEAD_REFUSED,
						"a HEAD through " + WHO + " answered " + redirect.status()
								+ " while the GET answers the redirect: download managers and link "
								+ "checkers send HEAD",
						expected, seen, redirect.evidence()));
			}
			hop.set(this.store + " (HEAD)");
			return this.probe.head(URI.create(location)).map((followed) -> {
				headSeen.put("followedStatus", followed.status());
				if (followed.status() != 200) {
					return recorder.down(Symptom.HEAD_REFUSED,
							"following the redirect of a HEAD, " + this.store + " answered " + followed.status()
									+ " while the GET works: the redirect of a HEAD "
									+ "must be presigned for HEAD (SendfileResponder.respond(method, ...))",
							expected, seen, followed.evidence());
				}
				return recorder.up(expected, seen);
			});
		});
	}

	private CheckResult transportFailure(Throwable error, String hop, ResultRecorder recorder,
			Map<String, Object> expected, Map<String, Object> seen) {
		TransportFailures.Failure failure = TransportFailures.classify(error, hop, this.timeout);
		if (hop.startsWith(this.store) && failure.symptom() != Symptom.TIMEOUT) {
			return recorder.down(Symptom.PUBLIC_ENDPOINT_UNREACHABLE,
					"following the redirect: " + failure.reason()
							+ ": the redirect names an endpoint clients cannot reach "
							+ "(download.healthcheck.storage.s3.public-endpoint)",
					expected, seen, failure.evidence());
		}
		return recorder.down(failure.symptom(), failure.reason(), expected, seen, failure.evidence());
	}

	private static URI location(HttpObservation redirect) {
		// Validated by inspect(): present, absolute, signed.
		return URI.create(Objects.requireNonNull(redirect.header(HttpHeaders.LOCATION)));
	}

}
