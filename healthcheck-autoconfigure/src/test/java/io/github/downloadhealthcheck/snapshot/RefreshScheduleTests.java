package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link RefreshSchedule}: the jitter's bounds, and a mean that stays the
 * interval.
 */
class RefreshScheduleTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	@Test
	void delaysStayWithinTheIntervalPlusOrMinusTheJitter() {
		RefreshSchedule schedule = new RefreshSchedule(INTERVAL, 0.2);
		assertThat(schedule.next(0)).isEqualTo(Duration.ofSeconds(8));
		assertThat(schedule.next(0.5)).isEqualTo(INTERVAL);
		assertThat(schedule.next(0.9999)).isLessThan(Duration.ofSeconds(12)).isGreaterThan(Duration.ofMillis(11_990));
		assertThat(schedule.longest()).isEqualTo(Duration.ofSeconds(12));
		SplittableRandom random = new SplittableRandom(42);
		DoubleStream.generate(random::nextDouble).limit(10_000).mapToObj(schedule::next).forEach((delay) -> {
			assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
		});
	}

	@Test
	void meanDelayIsTheInterval() {
		RefreshSchedule schedule = new RefreshSchedule(INTERVAL, 0.5);
		SplittableRandom random = new SplittableRandom(7);
		double meanMillis = DoubleStream.generate(random::nextDouble)
			.limit(100_000)
			.map((u) -> schedule.next(u).toMillis())
			.average()
			.orElseThrow();
		assertThat(meanMillis).isCloseTo(10_000, within(50.0));
	}

	@Test
	void noJitterIsAFixedInterval() {
		RefreshSchedule schedule = new RefreshSchedule(INTERVAL, 0);
		assertThat(schedule.next(0)).isEqualTo(INTERVAL);
		assertThat(schedule.next(0.99)).isEqualTo(INTERVAL);
	}

	@Test
	void jitterOutsideItsBoundsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RefreshSchedule(INTERVAL, 0.51));
		assertThatIllegalArgumentException().isThrownBy(() -> new RefreshSchedule(INTERVAL, -0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RefreshSchedule(INTERVAL, Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> new RefreshSchedule(Duration.ZERO, 0.2));
	}

}
