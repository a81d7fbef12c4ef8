package io.github.downloadhealthcheck.soak.herd;

import java.time.Duration;
import java.util.SplittableRandom;

import io.github.downloadhealthcheck.snapshot.RefreshSchedule;

/**
 * Simulates {@code pods} instances refreshing on the starter's {@link RefreshSchedule}
 * for {@code duration}: each pod starts at a seeded instant within {@code startWindow},
 * refreshes at once, then after each {@link RefreshSchedule#next(double)} delay. Each
 * refresh sends {@link #REQUESTS_PER_REFRESH} requests through the ingress (proxy and
 * end-to-end), each carrying the dummy file. Pure computation: the same arguments give
 * the same result.
 *
 * @param pods the number of instances
 * @param schedule the refresh schedule every instance follows
 * @param startWindow the span within which the instances start
 * @param duration the simulated span, counted in 1-second buckets from the first start
 * @param dummyBytes the dummy file's size
 * @param seed the seed of the start instants and of the jitter
 */
public record HerdSimulation(int pods, RefreshSchedule schedule, Duration startWindow, Duration duration,
		long dummyBytes, long seed) {

	/** Requests through the ingress per refresh: the proxy's and the end-to-end's. */
	public static final int REQUESTS_PER_REFRESH = 2;

	/** The starter's default dummy file size, 16 KiB. */
	public static final long DEFAULT_DUMMY_BYTES = 16 * 1024;

	/**
	 * Where the steady state begins: after the first 10 minutes, once starts have mixed.
	 */
	public static final Duration WARM_UP = Duration.ofMinutes(10);

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/**
	 * Validates the arguments.
	 * @param pods the number of instances
	 * @param schedule the refresh schedule
	 * @param startWindow the start span
	 * @param duration the simulated span
	 * @param dummyBytes the dummy size
	 * @param seed the seed
	 */
	public HerdSimulation {
		if (pods <= 0 || duration.getSeconds() <= WARM_UP.getSeconds() || startWindow.isNegative() || dummyBytes <= 0) {
			throw new IllegalArgumentException("pods, dummy size positive; duration over " + WARM_UP);
		}
	}

	/**
	 * Runs the simulation.
	 * @return the ingress figures
	 */
	public HerdResult run() {
		SplittableRandom random = new SplittableRandom(this.seed);
		int seconds = (int) this.duration.getSeconds();
		long[] requests = new long[seconds];
		long end = this.duration.toNanos();
		long window = this.startWindow.toNanos();
		for (int pod = 0; pod < this.pods; pod++) {
			long at = (window > 0) ? random.nextLong(window) : 0;
			while (at < end) {
				requests[(int) (at / NANOS_PER_SECOND)] += REQUESTS_PER_REFRESH;
				at += this.schedule.next(random.nextDouble()).toNanos();
			}
		}
		long total = 0;
		long peak = 0;
		long steadyPeak = 0;
		int steadyFrom = (int) WARM_UP.getSeconds();
		for (int second = 0; second < seconds; second++) {
			total += requests[second];
			peak = Math.max(peak, requests[second]);
			if (second >= steadyFrom) {
				steadyPeak = Math.max(steadyPeak, requests[second]);
			}
		}
		double mean = (double) total / seconds;
		return new HerdResult(mean, peak, steadyPeak, mean * this.dummyBytes);
	}

	/**
	 * Prints the figures for 100 and 1,000 pods at the default 10 s interval, with jitter
	 * 0 and 0.2, the pods started within 5 s of each other.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println("| pods | jitter | mean req/s | peak req/s (1 s) | steady peak req/s | dummy bytes/s |");
		System.out.println("|---|---|---|---|---|---|");
		for (int pods : new int[] { 100, 1000 }) {
			for (double jitter : new double[] { 0, 0.2 }) {
				HerdResult result = new HerdSimulation(pods, new RefreshSchedule(Duration.ofSeconds(10), jitter),
						Duration.ofSeconds(5), Duration.ofHours(1), DEFAULT_DUMMY_BYTES, 42)
					.run();
				System.out.printf("| %d | %.1f | %.1f | %d | %d | %.0f |%n", pods, jitter, result.meanPerSecond(),
						result.peakPerSecond(), result.steadyPeakPerSecond(), result.meanBytesPerSecond());
			}
		}
		System.out.printf("Per pod per 10 s interval: %d requests, %d bytes of dummy%n", REQUESTS_PER_REFRESH,
				REQUESTS_PER_REFRESH * DEFAULT_DUMMY_BYTES);
	}

}
