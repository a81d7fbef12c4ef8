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

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import io.github.downloadhealthcheck.sendfile.AttachmentNames;
import io.github.downloadhealthcheck.storage.ClientPresign;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * {@code proxy} in the redirect hand-off, where the part between client and storage is
 * the store itself as clients reach it: a fresh URL presigned for the dummy object on the
 * public endpoint, with the redirect's lifetime, must return its exact bytes; the same
 * URL presigned for HEAD must answer {@code 200}.
 */
public final class RedirectStoreCheck implements LayerCheck {

	private final HttpProbe probe;

	private final ObjectStorage storage;

	private final DummyFile dummyFile;

	private final DummyExpectation dummy;

	private final Duration lifetime;

	private final Duration timeout;

	private final Clock clock;

	RedirectStoreCheck(HttpProbe probe, ObjectStorage storage, DummyFile dummy, Duration lifetime, Duration timeout,
			Clock clock) {
		this.probe = probe;
		this.storage = storage;
		this.dummyFile = dummy;
		this.dummy = new DummyExpectation(dummy);
		this.lifetime = lifetime;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Layer layer() {
		return Layer.PROXY;
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public String requested() {
		return "GET " + this.storage.publicUrl(this.dummyFile.relativePath()) + "?<fresh presigned query>";
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = new ResultRecorder(Layer.PROXY, requested(), this.clock);
		String name = this.dummyFile.relativePath().substring(this.dummyFile.relativePath().lastIndexOf('/') + 1);
		Mono<CheckResult> result = Mono.fromCallable(() -> presign(HttpMethod.GET, name))
			.flatMap((get) -> this.probe.get(get).map((seen) -> evaluate(seen, get, name, recorder)))
			.flatMap((got) -> {
				if (!got.isUp()) {
					return Mono.just(got);
				}
				return Mono.fromCallable(() -> presign(HttpMethod.HEAD, name))
					.flatMap((head) -> this.probe.head(head))
					.map((headSeen) -> withHead(got, headSeen, recorder));
			})
			.timeout(this.timeout)
			.onErrorResume((error) -> {
				TransportFailures.Failure failure = TransportFailures.classify(error, this.storage.describePublic(),
						this.timeout);
				Symptom symptom = (failure.symptom() == Symptom.TIMEOUT) ? Symptom.TIMEOUT
						: Symptom.PUBLIC_ENDPOINT_UNREACHABLE;
				return Mono.just(recorder.down(symptom,
						failure.reason() + ": clients following the redirect cannot reach the store either; "
								+ "download.healthcheck.storage.s3.public-endpoint must be an address clients reach",
						this.dummy.describe(), Map.of(), failure.evidence()));
			});
		return result;
	}

	private URI presign(HttpMethod method, String name) {
		return this.storage.presignForClient(this.dummyFile.relativePath(),
				new ClientPresign(method, this.lifetime, AttachmentNames.contentDisposition(name)));
	}

	private CheckResult evaluate(HttpObservation seen, URI get, String name, ResultRecorder recorder) {
		Map<String, Object> expected = new LinkedHashMap<>(this.dummy.describe());
		expected.put("contentDisposition", "attachment naming " + name);
		Map<String, Object> shown = RedirectExpectation.seen(seen);
		if (seen.status() != 200) {
			TransportFailures.Failure failure = StoreRefusals.explain(seen, this.storage.describePublic(), this.clock,
					RedirectExpectation.LIFETIME_PROPERTY, RedirectExpectation.expiresAt(get));
			return recorder.down(failure.symptom(), failure.reason(), expected, shown, failure.evidence());
		}
		TransportFailures.Failure mismatch = this.dummy.bodyMismatch(seen);
		if (mismatch != null) {
			return recorder.down(mismatch.symptom(), this.storage.describePublic() + ": " + mismatch.reason(), expected,
					shown, mismatch.evidence());
		}
		String disposition = seen.header("Content-Disposition");
		shown.put("contentDisposition", disposition);
		if (disposition == null || !disposition.contains(name)) {
			return recorder.down(Symptom.CONTENT_DISPOSITION_IGNORED,
					this.storage.describePublic() + " ignored response-content-disposition (answered "
							+ ((disposition != null) ? disposition : "none")
							+ "): browsers save downloads under the object's key instead of its name",
					expected, shown, seen.evidence());
		}
		return recorder.up(expected, shown);
	}

	private CheckResult withHead(CheckResult get, HttpObservation head, ResultRecorder recorder) {
		Map<String, Object> shown = new LinkedHashMap<>(get.seen());
		shown.put("head", Map.of("status", head.status()));
		if (head.status() != 200) {
			return recorder.down(Symptom.HEAD_REFUSED,
					this.storage.describePublic() + " answered " + head.status()
							+ " to a HEAD presigned for HEAD while the GET works: download managers and link "
							+ "checkers send HEAD",
					get.expected(), shown, head.evidence());
		}
		return recorder.up(get.expected(), shown);
	}

}
