package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds results for checks that did not complete, for whoever runs the checks.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * A {@code DOWN} result for a check that failed with an exception or timed out.
	 * @param check the check
	 * @param error what went wrong
	 * @param timeout the check's timeout, named in the reason of a timeout
	 * @param took how long the check ran
	 * @param clock the clock stamping the result
	 * @return the result
	 */
	public static CheckResult of(LayerCheck check, Throwable error, Duration timeout, Duration took, Clock clock) {
		return ResultRecorder.failed(check, error, timeout, took, clock);
	}

}
