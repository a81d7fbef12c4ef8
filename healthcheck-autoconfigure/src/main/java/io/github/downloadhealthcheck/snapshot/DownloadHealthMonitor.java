package io.github.downloadhealthcheck.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.internal.diagnosis.Diagnoser;
import io.github.downloadhealthcheck.internal.diagnosis.DiagnosisContext;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.config.Urls;

/**
 * Runs the checks concurrently in the background every interval (moved by its jitter) and
 * keeps the latest snapshot. Probes only read the snapshot; at most one refresh runs at
 * any time, however many probes arrive, so probing never multiplies the load on storage
 * and proxy. Whether a snapshot is too old to trust is judged when it is read.
 */
public final class DownloadHealthMonitor {

	private static final Log logger = LogFactory.getLog(DownloadHealthMonitor.class);

	private final List<LayerCheck> checks;

	private final DiagnosisContext context;

	private final Duration staleAfter;

	private final Clock clock;

	private final Refresher refresher;

	private final Sinks.Many<DownloadHealthSnapshot> snapshots = Sinks.many().replay().latest();

	private final AtomicReference<@Nullable DownloadHealthSnapshot> latest = new AtomicReference<>();

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
		this(checks, context, new RefreshSchedule(interval, 0), staleAfter, clock);
	}

	/**
	 * Creates a monitor whose refreshes move at random within the schedule's jitter;
	 * nothing runs until {@link #start()} or {@link #refresh()}.
	 * @param checks one check per layer
	 * @param context names the diagnosis uses
	 * @param schedule when the background refreshes run
	 * @param staleAfter age past which a snapshot is reported down instead of trusted
	 * @param clock stamps snapshots and measures their age
	 */
	public DownloadHealthMonitor(List<LayerCheck> checks, DiagnosisContext context, RefreshSchedule schedule,
			Duration staleAfter, Clock clock) {
		this.checks = List.copyOf(checks);
		this.context = context;
		this.staleAfter = staleAfter;
		this.clock = clock;
		this.refresher = new Refresher(this.checks, schedule, () -> ThreadLocalRandom.current().nextDouble(), clock,
				this::publish);
	}

	/**
	 * Starts the background refreshes, the first one at once.
	 */
	public void start() {
		if (!this.refresher.isRunning()) {
			SnapshotLog.uncheckedLayers(this.checks);
		}
		this.refresher.start(Duration.ZERO);
	}

	/**
	 * Stops the background refreshes; the last snapshot stays readable and ages.
	 */
	public void stop() {
		this.refresher.stop();
	}

	/**
	 * Whether the background refreshes run.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		return this.refresher.isRunning();
	}

	/**
	 * Refreshes the snapshot, or joins the refresh already running.
	 * @return the snapshot the refresh produces
	 */
	public CompletableFuture<DownloadHealthSnapshot> refresh() {
		return this.refresher.refresh();
	}

	/**
	 * How many refreshes have started since creation.
	 * @return the count
	 */
	public long refreshCount() {
		return this.refresher.refreshCount();
	}

	private DownloadHealthSnapshot publish(Map<Layer, CheckResult> results, long sequence, Duration took) {
		DownloadHealthSnapshot snapshot = new DownloadHealthSnapshot(Diagnoser.diagnose(results, this.context),
				this.clock.instant(), sequence, took);
		if (logger.isDebugEnabled()) {
			logger.debug("Download health refresh " + sequence + " took " + took.toMillis() + " ms");
		}
		SnapshotLog.changes(this.latest.getAndSet(snapshot), snapshot);
		this.snapshots.emitNext(snapshot, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		return snapshot;
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
		CheckResult result = (snapshot != null) ? snapshot.results().get(layer) : null;
		if (snapshot == null || result == null) {
			return pending(layer);
		}
		Duration age = snapshot.age(this.clock.instant());
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
			return refresh().get(this.refresher.longestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (TimeoutException | ExecutionException | CancellationException ex) {
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
				"the first check has not finished yet", Duration.ZERO, Instant.now(this.clock), Evidence.NONE, null,
				null);
	}

}
