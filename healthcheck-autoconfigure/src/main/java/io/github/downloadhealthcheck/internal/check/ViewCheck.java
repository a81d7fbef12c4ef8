package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpProbe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the {@code backend} checks share, whatever the hand-off: they call the healthcheck
 * view on the application's own port, which is known only once the web server runs.
 */
abstract class ViewCheck extends HttpLayerCheck {

	protected final Supplier<@Nullable URI> url;

	ViewCheck(HttpProbe probe, Supplier<@Nullable URI> url, Duration timeout, Clock clock) {
		super(Layer.BACKEND, probe, timeout, clock);
		this.url = url;
	}

	@Override
	public final String requested() {
		URI uri = this.url.get();
		return (uri != null) ? HttpChecks.requested(uri) : "GET the healthcheck view on the application's port";
	}

	@Override
	public final Mono<CheckResult> check() {
		URI uri = this.url.get();
		ResultRecorder recorder = recorder();
		if (uri == null) {
			return Mono.just(recorder.unknown(Symptom.NOT_CONFIGURED,
					"the application's port is not known yet (web server not started); "
							+ "or set download.healthcheck.backend.url"));
		}
		return call(uri, recorder);
	}

	/**
	 * Calls the view and judges its answer.
	 * @param uri the view's URL
	 * @param recorder times the call and builds its result
	 * @return the result
	 */
	protected abstract Mono<CheckResult> call(URI uri, ResultRecorder recorder);

}
