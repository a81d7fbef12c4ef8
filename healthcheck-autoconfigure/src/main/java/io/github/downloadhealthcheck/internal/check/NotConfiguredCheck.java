package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Stands for a layer that cannot be checked because its configuration is missing:
 * reported {@code UNKNOWN} with the property to set, never silently {@code UP}.
 */
public final class NotConfiguredCheck implements LayerCheck {

	private final Layer layer;

	private final String reason;

	private final Clock clock;

	/**
	 * Creates the check.
	 * @param layer the layer
	 * @param reason what to configure, naming the property
	 * @param clock stamps results
	 */
	public NotConfiguredCheck(Layer layer, String reason, Clock clock) {
		this.layer = layer;
		this.reason = reason;
		this.clock = clock;
	}

	/**
	 * What to configure for this layer to be checked, naming the property; logged at
	 * start-up so that an unchecked layer is noticed before anyone reads the health.
	 * @return the reason reported with {@code UNKNOWN}
	 */
	public String reason() {
		return this.reason;
	}

	@Override
	public Layer layer() {
		return this.layer;
	}

	@Override
	public Duration timeout() {
		return Duration.ZERO;
	}

	@Override
	public String requested() {
		return "nothing: not configured";
	}

	@Override
	public Mono<CheckResult> check() {
		return Mono.fromSupplier(() -> new ResultRecorder(this.layer, requested(), this.clock)
			.unknown(Symptom.NOT_CONFIGURED, this.reason));
	}

}
