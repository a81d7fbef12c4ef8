package io.github.downloadhealthcheck.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.github.downloadhealthcheck.soak.SoakRun.ResourceSample;

/**
 * What a soak measured, as a Markdown report, and the goals it missed.
 */
final class SoakReport {

	private static final long MIB = 1024 * 1024;

	private final SoakResult result;

	private final Verdicts verdicts;

	private final List<String> missed = new ArrayList<>();

	private final StringBuilder out = new StringBuilder();

	private SoakReport(SoakResult result) {
		this.result = result;
		SoakOptions options = result.options();
		this.verdicts = Verdicts.judge(result.episodes(), result.downloadReads(), result.readinessReads(),
				result.judgedFromMillis(), new Verdicts.Bounds(options.detectionBound(), options.recoveryBound()));
		render();
	}

	static SoakReport of(SoakResult result) {
		return new SoakReport(result);
	}

	String markdown() {
		return this.out.toString();
	}

	/** The goals missed; a smoke does not count the time goals. */
	List<String> missedGoals() {
		return this.missed;
	}

	Verdicts verdicts() {
		return this.verdicts;
	}

	private void render() {
		SoakOptions options = this.result.options();
		line("## Soak: %s storage, %s of faults, seed %d", options.storage().id(), human(options.duration().toMillis()),
				options.seed());
		line("");
		line("Reproduce: `test-support/soak/bin/soak.sh --storage %s --duration %ds --seed %d --interval %dms --timeout %dms`",
				options.storage().id(), options.duration().toSeconds(), options.seed(), options.interval().toMillis(),
				options.timeout().toMillis());
		line("");
		line("Bounds: detection = interval + timeout = %s; recovery = interval + 1 s = %s.",
				human(options.detectionBound().toMillis()), human(options.recoveryBound().toMillis()));
		line("");
		faults();
		latency();
		readinessAndDownloads();
		resources();
		errorsAndShutdown();
		goals();
	}

	private void faults() {
		line("| fault | episodes | detected | detection p50 / max | recovery p50 / max | false UP | false DOWN | causes seen |");
		line("|---|---|---|---|---|---|---|---|");
		int episodes = 0;
		int detected = 0;
		List<Long> detection = new ArrayList<>();
		List<Long> recovery = new ArrayList<>();
		for (Verdicts.FaultFigures figures : this.verdicts.perFault().values()) {
			boolean detects = !figures.fault().expected().isEmpty();
			line("| %s | %d | %s | %s | %s | %d | %d | %s |", figures.fault().id(), figures.episodes(),
					detects ? (figures.episodes() - figures.undetected()) + "/" + figures.episodes() : "must stay UP",
					spread(figures.detectionMillis()), spread(figures.recoveryMillis()), figures.falseUps(),
					figures.falseDowns(), String.join("; ", figures.causes()));
			episodes += figures.episodes();
			detected += detects ? figures.episodes() - figures.undetected() : 0;
			detection.addAll(figures.detectionMillis());
			recovery.addAll(figures.recoveryMillis());
		}
		long cleanDowns = this.verdicts.judgments().stream().filter((judgment) -> judgment.episode() == null).count();
		line("| (no fault) | | | | | | %d | |", cleanDowns);
		line("| **all** | %d | %d | %s | %s | %d | %d | |", episodes, detected, spread(detection), spread(recovery),
				this.verdicts.falseUps(), this.verdicts.falseDowns());
		line("");
		line("%d check results judged. Detections beyond the bound: %d; recoveries beyond the bound: %d.",
				this.verdicts.distinctResults(),
				this.verdicts.perFault().values().stream().mapToInt(Verdicts.FaultFigures::detectionsBeyondBound).sum(),
				this.verdicts.perFault()
					.values()
					.stream()
					.mapToInt(Verdicts.FaultFigures::recoveriesBeyondBound)
					.sum());
		for (Verdicts.Judgment judgment : this.verdicts.judgments().stream().limit(10).toList()) {
			line("- %s: %s %s, check %d..%d ms%s", judgment.kind(), judgment.result().layer().id(),
					judgment.result().up() ? "UP" : "DOWN (" + judgment.result().cause() + ")",
					judgment.result().startedAtMillis(), judgment.result().checkedAtMillis(),
					(judgment.episode() != null) ? " during " + judgment.episode() : " with no fault");
		}
		line("");
		goal(this.verdicts.falseUps() == 0, false, "0 false UPs (got %d)", this.verdicts.falseUps());
		goal(this.verdicts.falseDowns() == 0, false, "0 false DOWNs (got %d)", this.verdicts.falseDowns());
		goal(this.verdicts.undetected() == 0, false, "every fault detected (%d undetected)",
				this.verdicts.undetected());
		goal(this.verdicts.beyondBound() == 0, true, "every detection and recovery within its bound (%d beyond)",
				this.verdicts.beyondBound());
	}

	private void latency() {
		List<Long> baseline = this.result.baselineLatencies();
		List<HealthProbes.Storm> storms = this.result.storms();
		List<HealthRead> reads = this.result.downloadReads();
		List<Long> run = reads.stream().map(HealthRead::latencyMillis).toList();
		List<Long> calm = reads.stream()
			.filter((read) -> storms.stream().noneMatch((storm) -> storm.overlaps(read)))
			.map(HealthRead::latencyMillis)
			.toList();
		List<Long> baselineStorm = this.result.baselineStorm().latencies();
		List<Long> runStorms = storms.stream().flatMap((storm) -> storm.latencies().stream()).toList();
		line("| health answer latency, ms | answers | p50 | p99 | max |");
		line("|---|---|---|---|---|");
		line("| healthy application, probes one after the other | %d | %s |", baseline.size(), percentiles(baseline));
		line("| soak, once a second, whole run | %d | %s |", run.size(), percentiles(run));
		line("| soak, once a second, outside storms | %d | %s |", calm.size(), percentiles(calm));
		line("| healthy application, one storm (%d clients x %d probes) | %d | %s |", SoakRun.STORM_CLIENTS,
				SoakRun.STORM_REQUESTS, baselineStorm.size(), percentiles(baselineStorm));
		line("| soak, %d storms | %d | %s |", storms.size(), runStorms.size(), percentiles(runStorms));
		line("");
		line("Compared like with like: the once-a-second probes outside storms against the healthy application's "
				+ "probes one after the other, the storms against the healthy application's storm. A probe sent "
				+ "during a storm waits for a core like the storm's own.");
		line("");
		long baselineP99 = percentile(baseline, 99);
		long calmP99 = percentile(calm, 99);
		goal(calmP99 <= Math.max(2 * baselineP99, 2), true,
				"health p99 within 2 x the healthy application's (%d ms vs %d ms)", calmP99, baselineP99);
		if (!runStorms.isEmpty()) {
			long stormP99 = percentile(runStorms, 99);
			long baselineStormP99 = percentile(baselineStorm, 99);
			goal(stormP99 <= Math.max(2 * baselineStormP99, 2), true,
					"storm p99 within 2 x the healthy application's storm (%d ms vs %d ms)", stormP99,
					baselineStormP99);
		}
		long unanswered = reads.stream().filter((read) -> read.httpStatus() < 0).count();
		goal(unanswered == 0, false, "every probe answered (%d unanswered)", unanswered);
	}

	private void readinessAndDownloads() {
		Verdicts.ReadinessFigures readiness = this.verdicts.readiness();
		line("Readiness group: %d reads; ready while a fault held past its detection bound: %d; not ready with no "
				+ "fault within the recovery bound: %d; unanswered: %d.", this.result.readinessReads().size(),
				readiness.falseUps(), readiness.falseDowns(), readiness.unanswered());
		goal(readiness.falseUps() + readiness.falseDowns() == 0, true,
				"readiness agrees with the faults (%d false UP, %d false DOWN)", readiness.falseUps(),
				readiness.falseDowns());
		List<DownloadTraffic.Download> downloads = this.result.downloads();
		long recovery = this.result.options().recoveryBound().toMillis();
		List<DownloadTraffic.Download> failedClean = downloads.stream()
			.filter((download) -> download.failure() != null)
			.filter((download) -> this.result.episodes()
				.stream()
				.noneMatch((episode) -> download.startedAtMillis() <= episode.repairedAtMillis() + recovery
						&& download.endedAtMillis() >= episode.injectFromMillis()))
			.toList();
		long failed = downloads.stream().filter((download) -> download.failure() != null).count();
		line("");
		line("Downloads of a 1 MiB file through nginx: %d, exact bytes %d, failed during a fault %d, failed with no fault %d%s.",
				downloads.size(), downloads.size() - failed, failed - failedClean.size(), failedClean.size(),
				failedClean.isEmpty() ? ""
						: " (" + failedClean.stream()
							.map(DownloadTraffic.Download::failure)
							.distinct()
							.collect(Collectors.joining(", ")) + ")");
		line("");
		goal(failedClean.isEmpty(), false, "no download fails with no fault (%d failed)", failedClean.size());
	}

	private void resources() {
		List<ResourceSample> samples = this.result.samples();
		if (samples.size() < 2) {
			line("Resources: fewer than two samples.");
			return;
		}
		ResourceSample start = samples.get(0);
		ResourceSample end = samples.get(samples.size() - 1);
		// Noise: how far samples taken in the same quiet state spread before half the
		// run.
		List<ResourceSample> firstHalf = samples.subList(0, Math.max(2, (samples.size() + 1) / 2));
		line("| application resource, no fault, no storm | start | end | min - max of %d samples | tolerance | growth |",
				samples.size());
		line("|---|---|---|---|---|---|");
		resource("heap after full GC, MiB", samples, firstHalf, start, end, ResourceSample::heapBytes, MIB, 4 * MIB);
		resource("live threads, Tomcat's request pool aside", samples, firstHalf, start, end,
				(sample) -> sample.process().threads() - sample.process().requestThreads(), 1, 3);
		resource("the starter's threads (download-healthcheck*)", samples, firstHalf, start, end,
				(sample) -> sample.process().starterThreads(), 1, 2);
		line("| Tomcat's request threads (grow under load, end after 60 s idle) | %d | %d | %d - %d | | |",
				start.process().requestThreads(), end.process().requestThreads(),
				samples.stream().mapToInt((sample) -> sample.process().requestThreads()).min().orElse(0),
				samples.stream().mapToInt((sample) -> sample.process().requestThreads()).max().orElse(0));
		resource("open file descriptors", samples, firstHalf, start, end,
				(sample) -> sample.process().fileDescriptors(), 1, 6);
		resource("connections accepted (probes, nginx)", samples, firstHalf, start, end,
				(sample) -> sample.process().inbound(), 1, 4);
		resource("connections opened (checks, storage)", samples, firstHalf, start, end,
				(sample) -> sample.process().outbound(), 1, 4);
		line("");
		line("Tolerance: the larger of a floor (4 MiB, 3 threads, 2 of the starter's, 6 descriptors, 4 connections) and the spread of the "
				+ "samples of the first half of the run, which is what the same quiet state varies by on its own.");
		line("");
	}

	private void resource(String name, List<ResourceSample> samples, List<ResourceSample> firstHalf,
			ResourceSample start, ResourceSample end, ToLongFunction<ResourceSample> value, long unit, long floor) {
		long min = samples.stream().mapToLong(value).min().orElseThrow();
		long max = samples.stream().mapToLong(value).max().orElseThrow();
		long noise = firstHalf.stream().mapToLong(value).max().orElseThrow()
				- firstHalf.stream().mapToLong(value).min().orElseThrow();
		long tolerance = Math.max(floor, noise);
		long growth = value.applyAsLong(end) - value.applyAsLong(start);
		line("| %s | %s | %s | %s - %s | %s | %s |", name, scaled(value.applyAsLong(start), unit),
				scaled(value.applyAsLong(end), unit), scaled(min, unit), scaled(max, unit), scaled(tolerance, unit),
				scaled(growth, unit));
		goal(growth <= tolerance, true, "%s: no growth beyond %s (grew %s)", name, scaled(tolerance, unit),
				scaled(growth, unit));
	}

	private void errorsAndShutdown() {
		List<String> errors = this.result.errorLines();
		line("Logged at ERROR during the whole run: %d line(s).", errors.size());
		errors.stream().limit(10).forEach((error) -> line("    %s", error));
		goal(errors.isEmpty(), false, "nothing logged at ERROR (%d lines)", errors.size());
		SoakRun.ShutdownFigures shutdown = this.result.shutdown();
		String exit = shutdown.exitCode().isPresent() ? Integer.toString(shutdown.exitCode().getAsInt()) : "none";
		long errorsAtShutdown = shutdown.logged()
			.stream()
			.filter((line) -> line.matches("^\\S+\\s+ERROR\\s.*"))
			.count();
		line("");
		line("SIGTERM in the middle of a refresh (an end-to-end check waiting on the hung route): exit code %s after %d ms "
				+ "(goal: under %d ms); %d line(s) logged from SIGTERM on, %d at ERROR.", exit, shutdown.millis(),
				shutdown.boundMillis(), shutdown.logged().size(), errorsAtShutdown);
		line("");
		boolean exited = shutdown.exitCode().isPresent()
				&& (shutdown.exitCode().getAsInt() == 143 || shutdown.exitCode().getAsInt() == 0);
		goal(exited && shutdown.millis() <= shutdown.boundMillis() && errorsAtShutdown == 0, false,
				"SIGTERM mid-refresh exits promptly and cleanly (exit %s after %d ms, %d ERROR lines)", exit,
				shutdown.millis(), errorsAtShutdown);
	}

	private void goals() {
		line(this.missed.isEmpty() ? "Every goal met." : "Goals missed:");
		this.missed.forEach((goal) -> line("- %s", goal));
	}

	/**
	 * Records a goal.
	 * @param met whether it was met
	 * @param notInSmoke whether a smoke run only reports it: a time goal, which a loaded
	 * CI machine stretches, or a growth goal, which two minutes cannot tell
	 */
	private void goal(boolean met, boolean notInSmoke, String format, Object... args) {
		if (!met) {
			String goal = String.format(Locale.ROOT, format, args);
			if (notInSmoke && this.result.options().smoke()) {
				line("(smoke run, reported only: %s)", goal);
			}
			else {
				this.missed.add(goal);
			}
		}
	}

	private void line(String format, Object... args) {
		this.out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	private static String spread(List<Long> millis) {
		if (millis.isEmpty()) {
			return "-";
		}
		return human(percentile(millis, 50)) + " / "
				+ human(millis.stream().mapToLong(Long::longValue).max().orElse(0));
	}

	private static String percentiles(List<Long> millis) {
		if (millis.isEmpty()) {
			return "- | - | -";
		}
		return percentile(millis, 50) + " | " + percentile(millis, 99) + " | "
				+ millis.stream().mapToLong(Long::longValue).max().orElse(0);
	}

	/** Nearest-rank percentile. */
	static long percentile(List<Long> values, int percent) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	private static String human(long millis) {
		return (millis >= 60_000 && millis % 60_000 == 0) ? (millis / 60_000) + " min"
				: String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static String scaled(long value, long unit) {
		return (unit == 1) ? Long.toString(value) : String.format(Locale.ROOT, "%.1f", value / (double) unit);
	}

}
