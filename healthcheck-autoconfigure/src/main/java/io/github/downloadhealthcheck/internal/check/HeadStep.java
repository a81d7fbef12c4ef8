package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.config.Urls;

/**
 * Adds a {@code HEAD} to a check whose {@code GET} is up: through nginx on object storage
 * a client's HEAD reached the store with a URL signed for GET, and got {@code 403} while
 * every GET worked. Download managers and link checkers send HEAD.
 */
final class HeadStep implements LayerCheck {

	private final LayerCheck get;

	private final HttpProbe probe;

	private final URI url;

	private final String store;

	HeadStep(LayerCheck get, HttpProbe probe, URI url, String store) {
		this.get = get;
		this.probe = probe;
		this.url = url;
		this.store = store;
	}

	@Override
	public Layer layer() {
		return this.get.layer();
	}

	@Override
	public Duration timeout() {
		return this.get.timeout();
	}

	@Override
	public String requested() {
		return this.get.requested() + ", then HEAD";
	}

	@Override
	public Mono<Void> prepare() {
		return this.get.prepare();
	}

	@Override
	public Mono<CheckResult> check() {
		long started = System.nanoTime();
		return this.get.check().flatMap((result) -> {
			if (!result.isUp()) {
				return Mono.just(result);
			}
			Duration left = this.get.timeout().minusNanos(System.nanoTime() - started);
			return this.probe.head(this.url)
				.timeout(left.isNegative() ? Duration.ZERO : left)
				.map((head) -> withHead(result, head.status()))
				.onErrorResume((error) -> Mono
					.just(result.asDown(Symptom.HEAD_REFUSED, "GET works but HEAD " + Urls.masked(this.url)
							+ " failed: " + TransportFailures.classify(error, Urls.masked(this.url), left).reason())));
		});
	}

	private CheckResult withHead(CheckResult result, int status) {
		Map<String, Object> seen = new LinkedHashMap<>(result.seen());
		seen.put("head", Map.of("status", status));
		CheckResult shown = new CheckResult(result.layer(), result.status(), result.symptom(), requested(),
				result.expected(), seen, result.reason(), result.duration(), result.checkedAt(), result.evidence(),
				result.explanation(), result.finding());
		if (status == 200) {
			return shown;
		}
		return shown.asDown(Symptom.HEAD_REFUSED,
				"GET works but HEAD " + Urls.masked(this.url) + " answered " + status + ": the proxy sends a HEAD on "
						+ "to " + this.store + ", which refuses a URL signed for GET; answer downloads with "
						+ "SendfileResponder.respond(method, storage, path) so a HEAD is presigned for HEAD");
	}

}
