package io.github.downloadhealthcheck.check;

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
abstract class ViewCheck implements LayerCheck {

	protected final HttpProbe probe;

	protected final Supplier<@Nullable URI> url;

	protected final Duration timeout;

	protected final Clock clock;

	ViewCheck(HttpProbe probe, Supplier<@Nullable URI> url, Duration timeout, Clock clock) {
		this.probe = probe;
		this.url = url;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public final Layer layer() {
		return Layer.BACKEND;
	}

	@Override
	public final Duration timeout() {
		return this.timeout;
	}

	@Override
	public final String requested() {
		URI uri = this.url.get();
		return (uri != null) ? HttpChecks.requested(uri) : "GET the healthcheck view on the application's port";
	}

	@Override
	public final Mono<CheckResult> check() {
		URI uri = this.url.get();
		ResultRecorder recorder = new ResultRecorder(Layer.BACKEND, requested(), this.clock);
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
