package io.github.downloadhealthcheck.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.Failures;
import io.github.downloadhealthcheck.internal.check.LayerCheck;

/**
 * One refresh's checks: each bounded by its own timeout plus a margin, a check that
 * throws still giving a result, and on the first refresh a failed check retried at once.
 */
final class CheckRun {

	private static final Log logger = LogFactory.getLog(Refresher.class);

	private static final Duration SAFETY_MARGIN = Refresher.SAFETY_MARGIN;

	private final List<LayerCheck> checks;

	private final Clock clock;

	CheckRun(List<LayerCheck> checks, Clock clock) {
		this.checks = checks;
		this.clock = clock;
	}

	/**
	 * The checks' preparations, then the checks concurrently, their results collected on
	 * the timer's thread.
	 * @param firstRefresh whether a failed check is retried at once
	 * @param timer times the checks out, and publishes
	 * @param prepared completed once every preparation ended
	 * @return one result per layer
	 */
	Mono<Map<Layer, CheckResult>> run(boolean firstRefresh, Scheduler timer, CompletableFuture<Void> prepared) {
		Mono<Void> preparations = Flux.fromIterable(this.checks)
			.flatMap((check) -> Mono.defer(check::prepare)
				.timeout(check.timeout().plus(SAFETY_MARGIN), timer)
				.onErrorResume((error) -> Mono.empty()))
			.then();
		preparations = preparations.doFinally((signal) -> prepared.complete(null));
		return preparations.thenMany(Flux.fromIterable(this.checks))
			.flatMap((check) -> (firstRefresh)
					? runOnce(check, timer).flatMap((result) -> retriedIfDown(check, result, timer))
					: runOnce(check, timer), this.checks.size())
			.collectMap(CheckResult::layer, (result) -> result, () -> new EnumMap<>(Layer.class))
			// Checks complete on whatever thread their client uses, for the JDK's client
			// a new unnamed one per answer on small machines: the snapshot, its log lines
			// and meters are made on the refresher's own thread.
			.publishOn(timer);
	}

	private Mono<CheckResult> runOnce(LayerCheck check, Scheduler timer) {
		Duration safetyNet = check.timeout().plus(SAFETY_MARGIN);
		// Deferred, and timed from subscription: a check that throws instead of
		// returning a Mono still gets a result, and a retry is timed on its own.
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return Mono.defer(check::check)
				.timeout(safetyNet, timer)
				.onErrorResume((error) -> Mono.just(Failures.of(check, error, safetyNet,
						Duration.ofNanos(System.nanoTime() - started), this.clock)));
		});
	}

	/**
	 * On the very first refresh, a check that failed is run once more at once before it
	 * is reported: right after start-up the JVMs involved are cold (a first request can
	 * miss a short timeout while classes load and pools fill), and readiness would
	 * otherwise wait a whole interval for the next refresh. A fault that is real fails
	 * the retry too, and is reported with the retry's own observations.
	 */
	private Mono<CheckResult> retriedIfDown(LayerCheck check, CheckResult first, Scheduler timer) {
		if (!first.isDown()) {
			return Mono.just(first);
		}
		return runOnce(check, timer).doOnNext((retried) -> {
			if (retried.isUp() && logger.isInfoEnabled()) {
				logger.info("Download health " + check.layer().id() + " failed its first check (" + first.reason()
						+ ") and passed a prompt retry: a cold start, not a fault");
			}
		});
	}

}
