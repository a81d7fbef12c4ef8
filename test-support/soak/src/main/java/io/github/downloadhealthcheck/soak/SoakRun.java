package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.util.FileSystemUtils;

import io.github.downloadhealthcheck.check.Layer;

import static org.awaitility.Awaitility.await;

/**
 * One soak: starts the stage, measures the healthy application, then injects the faults
 * of a seeded schedule one after the other with quiet time between them, while the
 * probes, the storms and the download traffic run; ends with SIGTERM in the middle of a
 * refresh.
 */
final class SoakRun {

	/** Sequential probes of the healthy application, the latency baseline. */
	private static final int BASELINE_PROBES = 500;

	/** Probes that warm the application up before the baseline. */
	private static final int WARM_UP_PROBES = 200;

	static final int STORM_CLIENTS = 48;

	static final int STORM_REQUESTS = 20;

	private static final Duration SAMPLE_EVERY = Duration.ofMinutes(2);

	private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(10);

	private final SoakOptions options;

	private final PrintStream progress;

	private final Random random;

	private final List<Episode> episodes = new ArrayList<>();

	private final List<ResourceSample> samples = new ArrayList<>();

	/** Held by a storm, and by a sample: a sample never counts a storm's connections. */
	private final ReentrantLock quiet = new ReentrantLock();

	private SoakRun(SoakOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
		this.random = new Random(options.seed());
	}

	/**
	 * Runs a soak.
	 * @param options how
	 * @param progress where progress lines go
	 * @return everything it recorded
	 */
	static SoakResult run(SoakOptions options, PrintStream progress) throws Exception {
		return new SoakRun(options, progress).run();
	}

	private SoakResult run() throws Exception {
		Path work = Files.createTempDirectory("download-healthcheck-soak");
		// nginx's workers and the application run as nobody when the soak runs as root.
		Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createDirectories(this.options.out());
		try (Stage stage = Stage.start(this.options, work, this.random);
				HealthProbes probes = new HealthProbes(stage.app());
				DownloadTraffic traffic = new DownloadTraffic(stage.proxy().uri("/files/" + Stage.TRAFFIC_FILE),
						stage.trafficBytes())) {
			log("application (pid %d) on port %d, nginx on port %d, route on port %d, storage %s", stage.app().pid(),
					stage.app().port(), stage.proxy().port(), stage.relay().port(), this.options.storage().id());
			awaitAllUp(probes);
			for (int i = 0; i < WARM_UP_PROBES; i++) {
				probes.read(HealthProbes.DOWNLOAD);
			}
			List<Long> baseline = new ArrayList<>();
			for (int i = 0; i < BASELINE_PROBES; i++) {
				baseline.add(probes.read(HealthProbes.DOWNLOAD).latencyMillis());
			}
			sample(stage);
			HealthProbes.Storm baselineStorm = probes.storm(STORM_CLIENTS, STORM_REQUESTS);
			long judgedFrom = System.currentTimeMillis();
			probes.start();
			traffic.start();
			ScheduledThreadPoolExecutor storms = storms(probes);
			try {
				chaos(stage, probes);
			}
			finally {
				// Lets a storm under way end; the next one never starts.
				storms.shutdown();
				storms.awaitTermination(1, TimeUnit.MINUTES);
			}
			traffic.close();
			probes.close();
			sample(stage);
			ShutdownFigures shutdown = terminateMidRefresh(stage);
			return new SoakResult(this.options, judgedFrom, List.copyOf(this.episodes), probes.downloadReads(),
					probes.readinessReads(), baseline, baselineStorm, probes.storms(), List.copyOf(this.samples),
					traffic.downloads(), stage.app().errorLines(), shutdown);
		}
		finally {
			saveLogs(work);
			FileSystemUtils.deleteRecursively(work);
		}
	}

	private void awaitAllUp(HealthProbes probes) {
		try {
			await("every layer UP").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> allUp(probes.read(HealthProbes.DOWNLOAD)));
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					"the application never had every layer UP: " + probes.read(HealthProbes.DOWNLOAD).layers().values(),
					ex);
		}
	}

	private static boolean allUp(HealthRead read) {
		return read.layers().size() == Layer.values().length
				&& read.layers().values().stream().allMatch(LayerResult::up);
	}

	/** Probe storms at random times, 30 to 90 seconds apart. */
	private ScheduledThreadPoolExecutor storms(HealthProbes probes) {
		ScheduledThreadPoolExecutor storms = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "soak-storms");
			thread.setDaemon(true);
			return thread;
		});
		storms.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		long first = 30 + this.random.nextInt(60);
		storms.schedule(new Runnable() {
			private final Random stormRandom = new Random(SoakRun.this.options.seed() + 1);

			@Override
			public void run() {
				try {
					SoakRun.this.quiet.lockInterruptibly();
					try {
						probes.stormAndRecord(STORM_CLIENTS, STORM_REQUESTS);
					}
					finally {
						SoakRun.this.quiet.unlock();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				if (!storms.isShutdown()) {
					storms.schedule(this, 30 + this.stormRandom.nextInt(60), TimeUnit.SECONDS);
				}
			}
		}, first, TimeUnit.SECONDS);
		return storms;
	}

	private void chaos(Stage stage, HealthProbes probes) throws Exception {
		long deadline = System.currentTimeMillis() + this.options.duration().toMillis();
		List<Fault> round = new ArrayList<>();
		long lastSample = System.currentTimeMillis();
		while (System.currentTimeMillis() < deadline) {
			if (round.isEmpty()) {
				round.addAll(Fault.on(this.options.storage()));
				Collections.shuffle(round, this.random);
			}
			pause(this.options.recoveryBound().plus(jitter(2)));
			if (System.currentTimeMillis() - lastSample > SAMPLE_EVERY.toMillis()) {
				sample(stage);
				lastSample = System.currentTimeMillis();
			}
			Fault fault = round.remove(0);
			Episode episode = episode(stage, probes, fault);
			this.episodes.add(episode);
			log("%-20s in effect after %4d ms, held %5d ms, repaired in %4d ms", fault.id(),
					episode.injectedAtMillis() - episode.injectFromMillis(),
					episode.repairFromMillis() - episode.injectedAtMillis(),
					episode.repairedAtMillis() - episode.repairFromMillis());
		}
		pause(this.options.recoveryBound().plus(this.options.interval()));
	}

	private Episode episode(Stage stage, HealthProbes probes, Fault fault) throws Exception {
		long injectFrom = System.currentTimeMillis();
		stage.inject(fault);
		long injected = System.currentTimeMillis();
		if (fault.repairedByApplication()) {
			long seen = refreshAfter(probes, injected);
			return new Episode(fault, injectFrom, injected, seen, seen);
		}
		pause(this.options.detectionBound().plus(jitter(1)));
		long repairFrom = System.currentTimeMillis();
		stage.repair(fault);
		return new Episode(fault, injectFrom, injected, repairFrom, System.currentTimeMillis());
	}

	/**
	 * When the refresh whose storage check was the first to start after {@code since}
	 * ended, as the probes read it: a read shows one snapshot, so its four results come
	 * from one refresh. The application repairs what that refresh found before the next
	 * one.
	 */
	private long refreshAfter(HealthProbes probes, long since) {
		try {
			return await("a storage check after the fault").atMost(this.options.detectionBound().plusSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> probes.latest()
					.filter((read) -> read.layers().containsKey(Layer.STORAGE)
							&& read.layers().get(Layer.STORAGE).startedAtMillis() >= since)
					.map((read) -> read.layers()
						.values()
						.stream()
						.mapToLong(LayerResult::checkedAtMillis)
						.max()
						.orElseThrow())
					.orElse(-1L), (at) -> at >= 0);
		}
		catch (ConditionTimeoutException ex) {
			// Reported as undetected: no storage check ran after it.
			return System.currentTimeMillis();
		}
	}

	/** A random extra of {@code base} to {@code base} + one interval, in seconds. */
	private Duration jitter(int base) {
		return Duration.ofMillis(base * 1000L + this.random.nextInt((int) this.options.interval().toMillis() + 1));
	}

	/** The schedule's own pace: faults are held and spaced for set times. */
	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	/**
	 * Samples the application's resources once no storm runs and the soak's idle
	 * connections to it have ended (after 2 s, see Soak); keeps a thread dump of the
	 * first and of each later one, the last of which is the end's.
	 */
	private void sample(Stage stage) throws InterruptedException, IOException {
		this.quiet.lockInterruptibly();
		try {
			pause(Duration.ofSeconds(3));
			this.samples.add(new ResourceSample(System.currentTimeMillis(), stage.app().heapAfterFullGc(),
					ProcessResources.of(stage.app().pid(), stage.app().port())));
			String which = (this.samples.size() == 1) ? "start" : "end";
			Files.writeString(this.options.out().resolve(this.options.storage().id() + "-threads-" + which + ".txt"),
					stage.app().threadDump());
		}
		finally {
			this.quiet.unlock();
		}
	}

	/**
	 * SIGTERM while a refresh waits for an end-to-end check that the hung route never
	 * answers.
	 */
	private ShutdownFigures terminateMidRefresh(Stage stage) {
		int heldBefore = stage.relay().heldSoFar();
		stage.relay().mode(SwitchableRelay.Mode.HANG);
		await("an end-to-end check waiting on the hung route")
			.atMost(this.options.interval().plus(this.options.timeout()).plusSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> stage.relay().heldSoFar() > heldBefore);
		int linesBefore = stage.app().logLines().size();
		long started = System.nanoTime();
		OptionalInt exit = stage.app().terminate(Duration.ofSeconds(60));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		List<String> after = stage.app().logLines();
		List<String> logged = after.subList(Math.min(linesBefore, after.size()), after.size());
		log("SIGTERM mid-refresh: exit %s after %d ms", exit.isPresent() ? exit.getAsInt() : "none", millis);
		return new ShutdownFigures(exit, millis, SHUTDOWN_BOUND.toMillis(), List.copyOf(logged));
	}

	/**
	 * Keeps the logs of the application and nginx, also when the run failed: they are
	 * what tells why.
	 */
	private void saveLogs(Path work) {
		String prefix = this.options.storage().id() + "-";
		for (Path log : List.of(work.resolve("app").resolve("app.log"), work.resolve("nginx").resolve("nginx.log"))) {
			try {
				if (Files.exists(log)) {
					Files.copy(log, this.options.out().resolve(prefix + log.getFileName()),
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
			catch (IOException ex) {
				System.err.println("could not keep " + log + ": " + ex);
			}
		}
	}

	private void log(String format, Object... args) {
		this.progress.printf("[soak %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
	}

	/**
	 * The application's resources at one moment, with no fault in effect.
	 *
	 * @param atMillis when
	 * @param heapBytes heap in use after two full collections
	 * @param process threads, descriptors and connections
	 */
	record ResourceSample(long atMillis, long heapBytes, ProcessResources process) {

	}

	/**
	 * How SIGTERM in the middle of a refresh went.
	 *
	 * @param exitCode the exit code, empty when the process still ran after a minute
	 * @param millis how long it took to exit
	 * @param boundMillis the goal
	 * @param logged what the application logged from SIGTERM on
	 */
	record ShutdownFigures(OptionalInt exitCode, long millis, long boundMillis, List<String> logged) {

	}

}
