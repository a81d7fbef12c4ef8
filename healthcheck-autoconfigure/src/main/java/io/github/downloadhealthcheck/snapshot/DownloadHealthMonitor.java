package io.github.downloadhealthcheck.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.log.LogMessage;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckSchedulers;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.CauseAnalysis;
import io.github.downloadhealthcheck.check.DiagnosisContext;
import io.github.downloadhealthcheck.check.Failures;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.LayerCheck;
import io.github.downloadhealthcheck.check.NotConfiguredCheck;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.config.Urls;

/**
 * Runs the checks concurrently in the background at a fixed interval and keeps the latest
 * snapshot. Probes only read the snapshot; at most one refresh runs at any time, however
 * many probes arrive, so probing never multiplies the load on storage and proxy.
 */
public final class DownloadHealthMonitor {

	private static final Log logger = LogFactory.getLog(DownloadHealthMonitor.class);

	/** Margin over a check's own timeout before the monitor gives up on it. */
	private static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

	private final List<LayerCheck> checks;

	private final DiagnosisContext context;

	private final Duration interval;

	private final Duration staleAfter;

	private final Duration longestTimeout;

	private final Clock clock;

	private final Sinks.Many<DownloadHealthSnapshot> snapshots = Sinks.many().replay().latest();

	private final AtomicReference<@Nullable DownloadHealthSnapshot> latest = new AtomicReference<>();

	private final AtomicReference<@Nullable CompletableFuture<DownloadHealthSnapshot>> inFlight = new AtomicReference<>();

	private final AtomicLong refreshes = new AtomicLong();

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ScheduledFuture<?> schedule;

	private @Nullable ExecutorService blocking;

	private volatile @Nullable CheckSchedulers schedulers;

	private volatile @Nullable Disposable running;

	/** The preparations of the refresh under way; complete when they all ended. */
	private final AtomicReference<@Nullable CompletableFuture<Void>> preparing = new AtomicReference<>();

	/**
	 * Creates a monitor; nothing runs until {@link #start()} or {@link #refresh()}.
	 * @param checks one check per layer
	 * @param context names the diagnosis uses
	 * @param interval time between two background refreshes
	 * @param staleAfter age past which a snapshot is reported down instead of trusted
	 * @param clock stamps snapshots and measures their age
	 */
	public DownloadHealthMonitor(List<LayerCheck> checks, DiagnosisContext context, Duration interval,
			Duration staleAfter, Clock clock) {
		this.checks = List.copyOf(checks);
		this.context = context;
		this.interval = interval;
		this.staleAfter = staleAfter;
		this.longestTimeout = this.checks.stream()
			.map(LayerCheck::timeout)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
		this.clock = clock;
	}

	/**
	 * Starts the background refreshes, the first one at once.
	 */
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		warnAboutUncheckedLayers();
		ScheduledExecutorService timer = Executors
			.newSingleThreadScheduledExecutor((task) -> daemon(task, "download-healthcheck"));
		// Blocking storage calls get threads of their own, which end between refreshes:
		// an
		// idle application keeps only the timer thread of the monitor's.
		ThreadPoolExecutor blocking = new ThreadPoolExecutor(2, 2, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> daemon(task, "download-healthcheck-storage"));
		blocking.allowCoreThreadTimeOut(true);
		this.scheduler = timer;
		this.blocking = blocking;
		this.schedulers = new CheckSchedulers(Schedulers.fromExecutorService(timer, "download-healthcheck"),
				Schedulers.fromExecutorService(blocking, "download-healthcheck-storage"));
		this.schedule = this.scheduler.scheduleAtFixedRate(this::refresh, 0, this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * An unconfigured layer is reported {@code UNKNOWN}, which Spring Boot's aggregation
	 * ranks below {@code UP}: {@code download} then reads {@code UP} with that layer
	 * unchecked, so the log says so, naming the property to set.
	 */
	private void warnAboutUncheckedLayers() {
		for (LayerCheck check : this.checks) {
			if (check instanceof NotConfiguredCheck notConfigured) {
				logger.warn(LogMessage.format("Download health layer '%s' is not checked, so 'download' can be UP "
						+ "while it is broken: %s", check.layer().id(), notConfigured.reason()));
			}
		}
	}

	/**
	 * Stops the background refreshes; the last snapshot stays readable and ages.
	 */
	public synchronized void stop() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
			this.schedule = null;
		}
		awaitPreparations();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		if (this.blocking != null) {
			this.blocking.shutdownNow();
			this.blocking = null;
		}
		this.schedulers = null;
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		CompletableFuture<DownloadHealthSnapshot> pending = this.inFlight.getAndSet(null);
		if (pending != null) {
			pending.cancel(false);
		}
	}

	/**
	 * A preparation writes to storage in a blocking call that cancelling cannot stop:
	 * letting it finish (within its own timeout) keeps it from writing after whoever
	 * stopped the monitor has moved on, e.g. removed the folder.
	 */
	private void awaitPreparations() {
		CompletableFuture<Void> pending = this.preparing.get();
		if (pending == null) {
			return;
		}
		try {
			pending.get(this.longestTimeout.plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			// Stop anyway: the preparation's own timeout has passed.
		}
	}

	/**
	 * Whether the background refreshes run.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Refreshes the snapshot, or joins the refresh already running.
	 * @return the snapshot the refresh produces
	 */
	public CompletableFuture<DownloadHealthSnapshot> refresh() {
		CompletableFuture<DownloadHealthSnapshot> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		CompletableFuture<DownloadHealthSnapshot> mine = new CompletableFuture<>();
		if (!this.inFlight.compareAndSet(null, mine)) {
			return refresh();
		}
		long sequence = this.refreshes.incrementAndGet();
		long started = System.nanoTime();
		this.running = runChecks(sequence == 1).subscribe((results) -> {
			DownloadHealthSnapshot snapshot;
			try {
				snapshot = publish(results, sequence, Duration.ofNanos(System.nanoTime() - started));
			}
			catch (RuntimeException ex) {
				// Always clear, or no later refresh could ever start.
				this.inFlight.compareAndSet(mine, null);
				logger.error("Download health snapshot could not be published", ex);
				mine.completeExceptionally(ex);
				return;
			}
			// Cleared before completing: whoever waited on this refresh and asks for
			// another one must get a new refresh, not this finished one.
			this.inFlight.compareAndSet(mine, null);
			mine.complete(snapshot);
		}, (error) -> {
			this.inFlight.set(null);
			logger.error("Download health refresh failed", error);
			mine.completeExceptionally(error);
		});
		return mine;
	}

	private Mono<Map<Layer, CheckResult>> runChecks(boolean firstRefresh) {
		CheckSchedulers schedulers = this.schedulers;
		Scheduler timer = (schedulers != null) ? schedulers.timer() : Schedulers.parallel();
		Mono<Map<Layer, CheckResult>> run = runChecks(firstRefresh, timer);
		return (schedulers != null) ? run.contextWrite(schedulers.context()) : run;
	}

	private Mono<Map<Layer, CheckResult>> runChecks(boolean firstRefresh, Scheduler timer) {
		Mono<Void> preparations = Flux.fromIterable(this.checks)
			.flatMap((check) -> Mono.defer(check::prepare)
				.timeout(check.timeout().plus(SAFETY_MARGIN), timer)
				.onErrorResume((error) -> Mono.empty()))
			.then();
		CompletableFuture<Void> prepared = new CompletableFuture<>();
		this.preparing.set(prepared);
		preparations = preparations.doFinally((signal) -> prepared.complete(null));
		return preparations.thenMany(Flux.fromIterable(this.checks))
			.flatMap((check) -> (firstRefresh)
					? runOnce(check, timer).flatMap((result) -> retriedIfDown(check, result, timer))
					: runOnce(check, timer), this.checks.size())
			.collectMap(CheckResult::layer, (result) -> result, () -> new EnumMap<>(Layer.class))
			// Checks complete on whatever thread their client uses, for the JDK's client
			// a new unnamed one per answer on small machines: the snapshot, its log lines
			// and meters are made on the monitor's own thread.
			.publishOn(timer);
	}

	private Mono<CheckResult> runOnce(LayerCheck check, Scheduler timer) {
		Duration safetyNet = check.timeout().plus(SAFETY_MARGIN);
		// Deferred, and timed from subscription: a check that throws instead of
		// returning a Mono still gets a result, and a retry is timed on its own.
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return Mono.defer(check::check)
				.timeout(safetyNet, timer)
				.onErrorResume((error) -> Mono.just(Failures.of(check, error, safetyNet,
						Duration.ofNanos(System.nanoTime() - started), this.clock)));
		});
	}

	/**
	 * On the very first refresh, a check that failed is run once more at once before it
	 * is reported: right after start-up the JVMs involved are cold (a first request can
	 * miss a short timeout while classes load and pools fill), and readiness would
	 * otherwise wait a whole interval for the next refresh. A fault that is real fails
	 * the retry too, and is reported with the retry's own observations.
	 */
	private Mono<CheckResult> retriedIfDown(LayerCheck check, CheckResult first, Scheduler timer) {
		if (!first.isDown()) {
			return Mono.just(first);
		}
		return runOnce(check, timer).doOnNext((retried) -> {
			if (retried.isUp() && logger.isInfoEnabled()) {
				logger.info("Download health " + check.layer().id() + " failed its first check (" + first.reason()
						+ ") and passed a prompt retry: a cold start, not a fault");
			}
		});
	}

	private DownloadHealthSnapshot publish(Map<Layer, CheckResult> results, long sequence, Duration duration) {
		CauseAnalysis.explain(results, this.context)
			.forEach((layer, explanation) -> results.computeIfPresent(layer,
					(key, result) -> result.withExtra(explanation.details())));
		CauseAnalysis.redirectDiagnosis(results, this.context)
			.ifPresent((details) -> results.computeIfPresent(Layer.END_TO_END,
					(key, result) -> result.withExtra(details)));
		DownloadHealthSnapshot snapshot = new DownloadHealthSnapshot(results, this.clock.instant(), sequence, duration);
		if (logger.isDebugEnabled()) {
			logger.debug("Download health refresh " + sequence + " took " + duration.toMillis() + " ms");
		}
		DownloadHealthSnapshot previous = this.latest.getAndSet(snapshot);
		logChanges(previous, snapshot);
		this.snapshots.emitNext(snapshot, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		return snapshot;
	}

	private static void logChanges(@Nullable DownloadHealthSnapshot previous, DownloadHealthSnapshot current) {
		current.results().forEach((layer, result) -> {
			logFindingChanges(layer, (previous != null) ? previous.results().get(layer) : null, result);
			CheckStatus before = (previous != null && previous.results().containsKey(layer))
					? previous.results().get(layer).status() : null;
			if (before == result.status()) {
				return;
			}
			if (result.isDown()) {
				logger.warn("Download health " + layer.id() + " is DOWN: " + result.reason() + diagnosisSuffix(result));
			}
			else if (logger.isInfoEnabled()) {
				logger.info("Download health " + layer.id() + " is " + result.status()
						+ ((result.reason() != null) ? ": " + result.reason() : ""));
			}
		});
	}

	/**
	 * A finding is logged when it appears and when it goes, not on every refresh: a log
	 * repeating the same warning every few seconds gets filtered, and then nobody reads
	 * it.
	 */
	private static void logFindingChanges(Layer layer, @Nullable CheckResult before, CheckResult now) {
		Set<Finding> had = (before != null) ? Finding.in(before) : Set.of();
		Set<Finding> has = Finding.in(now);
		for (Finding finding : has) {
			if (!had.contains(finding) && now.extra().get(Finding.DETAIL) instanceof Map<?, ?> detail) {
				logger.warn("Download health " + layer.id() + " SECURITY FINDING " + finding.id() + ": "
						+ detail.get("reason") + " (fix: " + detail.get("fix") + ")");
			}
		}
		for (Finding finding : had) {
			if (!has.contains(finding) && now.isUp()) {
				logger.warn("Download health " + layer.id() + " finding " + finding.id() + " is resolved");
			}
		}
	}

	private static String diagnosisSuffix(CheckResult result) {
		Object suspect = result.extra().get("suspect");
		return (suspect != null) ? " (suspect: " + suspect + "; fix: " + result.extra().get("fix") + ")" : "";
	}

	/**
	 * Every new snapshot as it is published, starting with the latest one; for metrics
	 * and other observers that must see each refresh once.
	 * @return the snapshots, never completing while the monitor lives
	 */
	public Flux<DownloadHealthSnapshot> snapshots() {
		return this.snapshots.asFlux();
	}

	/**
	 * The latest snapshot, however old.
	 * @return the snapshot, empty before the first refresh finished
	 */
	public Optional<DownloadHealthSnapshot> latest() {
		return Optional.ofNullable(this.latest.get());
	}

	/**
	 * How many refreshes have started since creation.
	 * @return the count
	 */
	public long refreshCount() {
		return this.refreshes.get();
	}

	/**
	 * The result a probe should report for a layer: the latest one, turned down when the
	 * snapshot is too old to trust. Before the first snapshot, waits for it at most the
	 * longest check timeout.
	 * @param layer the layer
	 * @return the result to report
	 */
	public CheckResult result(Layer layer) {
		DownloadHealthSnapshot snapshot = this.latest.get();
		if (snapshot == null) {
			snapshot = awaitFirst();
		}
		if (snapshot == null) {
			return pending(layer);
		}
		CheckResult result = snapshot.results().get(layer);
		if (result == null) {
			return pending(layer);
		}
		Instant now = this.clock.instant();
		Duration age = snapshot.age(now);
		if (age.compareTo(this.staleAfter) > 0) {
			return result.asDown(Symptom.SNAPSHOT_STALE,
					"the last check ran " + age.toSeconds() + "s ago (at " + snapshot.takenAt()
							+ "), longer than download.healthcheck.stale-after (" + Urls.format(this.staleAfter)
							+ "): the background refresh is stuck or stopped");
		}
		return result;
	}

	private @Nullable DownloadHealthSnapshot awaitFirst() {
		try {
			return refresh().get(this.longestTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | CancellationException ex) {
			return null;
		}
	}

	private CheckResult pending(Layer layer) {
		LayerCheck check = this.checks.stream()
			.filter((candidate) -> candidate.layer() == layer)
			.findFirst()
			.orElse(null);
		String requested = (check != null) ? check.requested() : "nothing: layer not checked";
		return new CheckResult(layer, CheckStatus.UNKNOWN, Symptom.PENDING, requested, Map.of(), Map.of(),
				"the first check has not finished yet", Duration.ZERO, this.clock.instant(), Map.of());
	}

}
