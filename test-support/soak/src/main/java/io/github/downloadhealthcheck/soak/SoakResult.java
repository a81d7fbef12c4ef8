package io.github.downloadhealthcheck.soak;

import java.util.List;

/**
 * Everything one soak recorded, for {@link SoakReport}.
 *
 * @param options how it ran
 * @param judgedFromMillis when the faults started; checks before are start-up
 * @param episodes the faults injected
 * @param downloadReads the once-a-second reads of {@code /actuator/health/download}
 * @param readinessReads the once-a-second reads of the readiness group
 * @param baselineLatencies latencies of the healthy application's sequential probes
 * @param baselineStorm a storm of probes on the healthy application
 * @param storms the storms during the faults
 * @param samples the application's resources, first and last with no fault
 * @param downloads the download traffic through nginx
 * @param errorLines what the application logged at ERROR during the whole run
 * @param shutdown how SIGTERM in the middle of a refresh went
 */
record SoakResult(SoakOptions options, long judgedFromMillis, List<Episode> episodes, List<HealthRead> downloadReads,
		List<HealthRead> readinessReads, List<Long> baselineLatencies, HealthProbes.Storm baselineStorm,
		List<HealthProbes.Storm> storms, List<SoakRun.ResourceSample> samples, List<DownloadTraffic.Download> downloads,
		List<String> errorLines, SoakRun.ShutdownFigures shutdown) {

}
