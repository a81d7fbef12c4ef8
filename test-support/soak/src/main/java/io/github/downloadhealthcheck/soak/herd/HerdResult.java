package io.github.downloadhealthcheck.soak.herd;

/**
 * What a {@link HerdSimulation} counts at the ingress, per 1-second bucket.
 *
 * @param meanPerSecond the mean of requests per second over the whole span
 * @param peakPerSecond the most requests in one second, start-up included
 * @param steadyPeakPerSecond the most requests in one second after
 * {@link HerdSimulation#WARM_UP}
 * @param meanBytesPerSecond the mean of dummy bytes per second
 */
public record HerdResult(double meanPerSecond, long peakPerSecond, long steadyPeakPerSecond,
		double meanBytesPerSecond) {

}
