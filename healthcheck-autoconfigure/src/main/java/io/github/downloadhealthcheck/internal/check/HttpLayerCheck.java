package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.http.HttpProbe;

import java.time.Clock;
import java.time.Duration;

/**
 * What the checks that send HTTP requests share: the layer they cover, the probe that
 * sends the requests, the timeout bounding them and the clock stamping results.
 */
abstract class HttpLayerCheck implements LayerCheck {

	protected final Layer layer;

	protected final HttpProbe probe;

	protected final Duration timeout;

	protected final Clock clock;

	HttpLayerCheck(Layer layer, HttpProbe probe, Duration timeout, Clock clock) {
		this.layer = layer;
		this.probe = probe;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public final Layer layer() {
		return this.layer;
	}

	@Override
	public final Duration timeout() {
		return this.timeout;
	}

	/**
	 * Times one run and builds its result.
	 * @return a recorder started now
	 */
	protected final ResultRecorder recorder() {
		return new ResultRecorder(this.layer, requested(), this.clock);
	}

}
