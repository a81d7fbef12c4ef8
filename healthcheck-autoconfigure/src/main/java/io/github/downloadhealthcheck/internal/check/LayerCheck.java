package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * A check of one layer. Implementations never throw: every failure becomes a {@code DOWN}
 * result with a reason, and bound their own work by {@link #timeout()}; whoever runs them
 * adds a safety net beyond it.
 */
public interface LayerCheck {

	/**
	 * The layer this check covers.
	 * @return the layer
	 */
	Layer layer();

	/**
	 * How long one run of the check may take.
	 * @return the timeout
	 */
	Duration timeout();

	/**
	 * What the check requests, credentials masked, for results built outside the check (a
	 * timeout, for instance).
	 * @return a description such as {@code GET http://127.0.0.1/x}
	 */
	String requested();

	/**
	 * Work to finish before any check of a refresh starts, so that the concurrent checks
	 * of the refresh see the same state (for example, writing a missing dummy file
	 * again).
	 * @return completes when done; never errors
	 */
	default Mono<Void> prepare() {
		return Mono.empty();
	}

	/**
	 * Runs the check once.
	 * @return the result, emitted once
	 */
	Mono<CheckResult> check();

}
