package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;
import io.github.downloadhealthcheck.check.Symptom;

/**
 * A check whose behaviour each test chooses; counts how often it is run. Public for the
 * tests of the monitor's observers (metrics, auto-configuration).
 */
public final class TestCheck implements LayerCheck {

	private final Layer layer;

	private final Function<TestCheck, Mono<CheckResult>> behaviour;

	private final AtomicInteger runs = new AtomicInteger();

	private Mono<Void> prepare = Mono.empty();

	private Duration timeout = Duration.ofSeconds(5);

	public TestCheck(Layer layer, Function<TestCheck, Mono<CheckResult>> behaviour) {
		this.layer = layer;
		this.behaviour = behaviour;
	}

	public static TestCheck up(Layer layer) {
		return new TestCheck(layer, (check) -> Mono.fromSupplier(() -> result(layer, CheckStatus.UP, Symptom.NONE)));
	}

	public static TestCheck down(Layer layer, Symptom symptom) {
		return new TestCheck(layer, (check) -> Mono.fromSupplier(() -> result(layer, CheckStatus.DOWN, symptom)));
	}

	public static CheckResult result(Layer layer, CheckStatus status, Symptom symptom) {
		return new CheckResult(layer, status, symptom, "test " + layer.id(), Map.of(), Map.of(),
				(status == CheckStatus.UP) ? null : "reason of " + layer.id(), Duration.ofMillis(1),
				Instant.parse("2026-01-01T00:00:00Z"), Evidence.NONE, null, null);
	}

	TestCheck preparing(Mono<Void> prepare) {
		this.prepare = prepare;
		return this;
	}

	TestCheck timingOutAfter(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	public int runs() {
		return this.runs.get();
	}

	@Override
	public Layer layer() {
		return this.layer;
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public String requested() {
		return "test " + this.layer.id();
	}

	@Override
	public Mono<Void> prepare() {
		return this.prepare;
	}

	@Override
	public Mono<CheckResult> check() {
		this.runs.incrementAndGet();
		return this.behaviour.apply(this);
	}

}
