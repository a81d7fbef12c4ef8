package io.github.downloadhealthcheck.check;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * What the checks that request one URL share: the layer they cover, the URL, the probe
 * that sends the request, the timeout bounding it and the clock stamping results.
 */
abstract class HttpLayerCheck implements LayerCheck {

	protected final Layer layer;

	protected final HttpProbe probe;

	protected final URI url;

	protected final Duration timeout;

	protected final Clock clock;

	HttpLayerCheck(Layer layer, HttpProbe probe, URI url, Duration timeout, Clock clock) {
		this.layer = layer;
		this.probe = probe;
		this.url = url;
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

	@Override
	public String requested() {
		return HttpChecks.requested(this.url);
	}

	/**
	 * Times one run and builds its result.
	 * @return a recorder started now
	 */
	protected final ResultRecorder recorder() {
		return new ResultRecorder(this.layer, requested(), this.clock);
	}

}
