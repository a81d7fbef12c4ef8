package io.github.downloadhealthcheck.soak.herd;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.snapshot.RefreshSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link HerdSimulation}.
 */
class HerdSimulationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static HerdResult run(int pods, double jitter, Duration startWindow, long seed) {
		return new HerdSimulation(pods, new RefreshSchedule(INTERVAL, jitter), startWindow, Duration.ofHours(1),
				HerdSimulation.DEFAULT_DUMMY_BYTES, seed)
			.run();
	}

	@Test
	void lockstepWithSimultaneousStartsPeaksAtEveryPodsRequestsInOneSecond() {
		HerdResult result = run(1000, 0, Duration.ZERO, 1);
		assertThat(result.peakPerSecond()).isEqualTo(1000 * HerdSimulation.REQUESTS_PER_REFRESH);
		assertThat(result.steadyPeakPerSecond()).isEqualTo(1000 * HerdSimulation.REQUESTS_PER_REFRESH);
	}

	@Test
	void jitterSpreadsTheHerdOnceMixed() {
		int pods = 1000;
		HerdResult result = run(pods, 0.2, Duration.ZERO, 1);
		double mean = (double) pods * HerdSimulation.REQUESTS_PER_REFRESH / INTERVAL.getSeconds();
		// Once mixed, each pod refreshes in a given second with probability 1 / interval,
		// and each refresh counts 2: standard deviation 2 sqrt(pods / interval).
		double deviation = HerdSimulation.REQUESTS_PER_REFRESH * Math.sqrt((double) pods / INTERVAL.getSeconds());
		assertThat((double) result.steadyPeakPerSecond()).isLessThan(mean + 6 * deviation);
		assertThat(result.steadyPeakPerSecond()).isLessThan(pods * HerdSimulation.REQUESTS_PER_REFRESH / 4);
		assertThat(result.meanPerSecond()).isCloseTo(mean, within(mean * 0.02));
		assertThat(result.meanBytesPerSecond()).isEqualTo(result.meanPerSecond() * HerdSimulation.DEFAULT_DUMMY_BYTES);
	}

	@Test
	void sameSeedSameResultOtherSeedOtherResult() {
		assertThat(run(100, 0.2, Duration.ofSeconds(5), 7)).isEqualTo(run(100, 0.2, Duration.ofSeconds(5), 7));
		assertThat(run(100, 0.2, Duration.ofSeconds(5), 7)).isNotEqualTo(run(100, 0.2, Duration.ofSeconds(5), 8));
	}

}
