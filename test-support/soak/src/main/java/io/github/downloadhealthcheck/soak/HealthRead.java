package io.github.downloadhealthcheck.soak;

import java.util.Map;

import io.github.downloadhealthcheck.check.Layer;

/**
 * One probe of the application: a health endpoint and what it answered.
 *
 * @param sentAtMillis when the request was sent, epoch milliseconds
 * @param latencyMillis how long the answer took; the client's timeout when none came
 * @param httpStatus the status code, or {@code -1} when no answer came
 * @param layers each layer's result, for {@code /actuator/health/download}; empty for
 * readiness
 */
record HealthRead(long sentAtMillis, long latencyMillis, int httpStatus, Map<Layer, LayerResult> layers) {

	HealthRead {
		layers = Map.copyOf(layers);
	}

	long answeredAtMillis() {
		return this.sentAtMillis + this.latencyMillis;
	}

}
