package io.github.downloadhealthcheck.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.internal.check.CheckSchedulers;
import io.github.downloadhealthcheck.internal.check.Failures;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;

/**
 * Runs the checks of one refresh concurrently, each bounded, at most one refresh at a
 * time however many callers ask, and on a fixed schedule once started. Hands each
 * refresh's results to a {@link Publisher} on its own timer thread.
 */
final class Refresher {

	private static final Log logger = LogFactory.getLog(Refresher.class);

	/** Margin over a check's own timeout before the refresher gives up on it. */
	static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

	/**
	 * Turns one refresh's results into the snapshot everybody reads.
	 */
	interface Publisher {

		DownloadHealthSnapshot publish(Map<Layer, CheckResult> results, long sequence, Duration took);

	}

	private final List<LayerCheck> checks;

	private final RefreshSchedule schedule;

	private final DoubleSupplier random;

	private final Clock clock;

	private final Publisher publisher;

	private final Duration longestTimeout;

	private final CheckRun run;

	private final AtomicReference<@Nullable CompletableFuture<DownloadHealthSnapshot>> inFlight = new AtomicReference<>();

	/** The preparations of the refresh under way; complete when they all ended. */
	private final AtomicReference<@Nullable CompletableFuture<Void>> preparing = new AtomicReference<>();

	private final AtomicLong refreshes = new AtomicLong();

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ScheduledFuture<?> next;

	private @Nullable ExecutorService blocking;

	private volatile @Nullable CheckSchedulers schedulers;

	private volatile @Nullable Disposable running;

	Refresher(List<LayerCheck> checks, RefreshSchedule schedule, DoubleSupplier random, Clock clock,
			Publisher publisher) {
		this.checks = List.copyOf(checks);
		this.schedule = schedule;
		this.random = random;
		this.clock = clock;
		this.publisher = publisher;
		this.run = new CheckRun(this.checks, clock);
		this.longestTimeout = this.checks.stream()
			.map(LayerCheck::timeout)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
	}

	Duration longestTimeout() {
		return this.longestTimeout;
	}

	long refreshCount() {
		return this.refreshes.get();
	}

	synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	synchronized void start(Duration firstDelay) {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService timer = Executors
			.newSingleThreadScheduledExecutor((task) -> daemon(task, "download-healthcheck"));
		// Blocking storage calls get threads of their own, which end between refreshes:
		// an idle application keeps only the timer thread.
		ThreadPoolExecutor blockingPool = new ThreadPoolExecutor(2, 2, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> daemon(task, "download-healthcheck-storage"));
		blockingPool.allowCoreThreadTimeOut(true);
		this.scheduler = timer;
		this.blocking = blockingPool;
		this.schedulers = new CheckSchedulers(Schedulers.fromExecutorService(timer, "download-healthcheck"),
				Schedulers.fromExecutorService(blockingPool, "download-healthcheck-storage"));
		this.next = timer.schedule(this::tick, firstDelay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * One scheduled refresh, and the next one scheduled from its start, so that the mean
	 * rate is one per interval however long refreshes take.
	 */
	private void tick() {
		if (scheduleNext()) {
			refresh();
		}
	}

	private synchronized boolean scheduleNext() {
		ScheduledExecutorService timer = this.scheduler;
		if (timer == null) {
			return false;
		}
		this.next = timer.schedule(this::tick, this.schedule.next(this.random.getAsDouble()).toNanos(),
				TimeUnit.NANOSECONDS);
		return true;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	synchronized void stop() {
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
		awaitPreparations();
		// Cancelled before its schedulers go: a refresh left running would go on to
		// schedule its timeouts on a shut-down executor and fail, loudly, after the stop.
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		if (this.blocking != null) {
			this.blocking.shutdownNow();
			this.blocking = null;
		}
		this.schedulers = null;
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

	CompletableFuture<DownloadHealthSnapshot> refresh() {
		CompletableFuture<DownloadHealthSnapshot> current = this.inFlight.get();
		if (current != null) {
			return current;
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
				snapshot = this.publisher.publish(results, sequence, Duration.ofNanos(System.nanoTime() - started));
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
			this.inFlight.compareAndSet(mine, null);
			logger.error("Download health refresh failed", error);
			mine.completeExceptionally(error);
		});
		return mine;
	}

	private Mono<Map<Layer, CheckResult>> runChecks(boolean firstRefresh) {
		CheckSchedulers current = this.schedulers;
		Scheduler timer = (current != null) ? current.timer() : Schedulers.parallel();
		CompletableFuture<Void> prepared = new CompletableFuture<>();
		this.preparing.set(prepared);
		Mono<Map<Layer, CheckResult>> run = this.run.run(firstRefresh, timer, prepared);
		return (current != null) ? run.contextWrite(current.context()) : run;
	}

}
