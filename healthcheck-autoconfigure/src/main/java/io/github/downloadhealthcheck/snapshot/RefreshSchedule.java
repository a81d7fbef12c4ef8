package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;

/**
 * When the background refreshes run: the first at once, then each one interval after the
 * one before, moved earlier or later by up to {@code jitter} of the interval at random.
 * The mean interval stays the interval; instances started together drift apart instead of
 * checking a shared proxy and store in lockstep.
 *
 * @param interval the mean time between two refreshes
 * @param jitter the largest share of the interval a refresh moves, from 0 to 0.5
 */
public record RefreshSchedule(Duration interval, double jitter) {

	/**
	 * Creates a schedule.
	 * @throws IllegalArgumentException if the interval is not positive or the jitter not
	 * between 0 and 0.5
	 */
	public RefreshSchedule {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("interval must be positive: " + interval);
		}
		if (!(jitter >= 0 && jitter <= 0.5)) {
			throw new IllegalArgumentException("jitter must be between 0 and 0.5: " + jitter);
		}
	}

	/**
	 * The delay before the next refresh.
	 * @param random a value from a uniform draw in [0, 1)
	 * @return the delay, within interval × (1 ± jitter)
	 */
	public Duration next(double random) {
		double factor = 1 + this.jitter * (2 * random - 1);
		return Duration.ofNanos(Math.round(this.interval.toNanos() * factor));
	}

	/**
	 * The longest delay {@link #next} gives.
	 * @return interval × (1 + jitter)
	 */
	public Duration longest() {
		return Duration.ofNanos(Math.round(this.interval.toNanos() * (1 + this.jitter)));
	}

}
