package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.config.Urls;

/**
 * The part every HTTP check shares: one bounded GET, its transport failures turned into
 * results, and the answer handed to the check's own evaluation.
 */
final class HttpChecks {

	/**
	 * Key of the {@code seen} detail of a timeout: {@code headers} when none had arrived,
	 * {@code body} when the headers had and the body had not finished.
	 */
	static final String LATE = "late";

	private HttpChecks() {
	}

	static Mono<CheckResult> get(HttpProbe probe, URI uri, Duration timeout, ResultRecorder recorder,
			Map<String, Object> expected, BiFunction<HttpObservation, ResultRecorder, CheckResult> evaluate) {
		HttpProbe.Progress progress = new HttpProbe.Progress();
		return Mono
			.deferContextual(
					(context) -> probe.get(uri, progress).timeout(timeout, CheckSchedulers.of(context).timer()))
			.map((seen) -> evaluate.apply(seen, recorder))
			.onErrorResume((error) -> {
				TransportFailures.Failure failure = TransportFailures.classify(error, Urls.masked(uri), timeout);
				Map<String, Object> seen = new LinkedHashMap<>();
				if (failure.symptom() == Symptom.TIMEOUT) {
					// Which part came late tells a slow route or a hung server (no
					// headers)
					// from a throttled body.
					if (progress.status() >= 0) {
						failure = TransportFailures.trickling(Urls.masked(uri), progress.status(), progress.bodyBytes(),
								timeout);
						seen.put("status", progress.status());
						seen.put("bytes", progress.bodyBytes());
						seen.put(LATE, "body");
					}
					else {
						seen.put(LATE, "headers");
					}
				}
				return Mono
					.just(recorder.down(failure.symptom(), failure.reason(), expected, seen, failure.evidence()));
			});
	}

	static String requested(URI uri) {
		return "GET " + Urls.masked(uri);
	}

}
