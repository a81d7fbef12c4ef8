package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.internal.diagnosis.DiagnosisContext;
import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.FindingReport;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;
import io.github.downloadhealthcheck.check.Symptom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DownloadHealthMonitor}. They assert structure (how many refreshes,
 * which results), never speed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DownloadHealthMonitorTests {

	private static final DiagnosisContext CONTEXT = new DiagnosisContext("folder /srv/files", "/internal-storage");

	private static final Timing SETTINGS = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(25),
			Duration.ofSeconds(5));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<DownloadHealthMonitor> monitors = new ArrayList<>();

	private final CompletableFuture<Void> release = new CompletableFuture<>();

	@AfterEach
	void stopMonitors() {
		this.release.complete(null);
		this.monitors.forEach(DownloadHealthMonitor::stop);
	}

	@Test
	void concurrentRefreshesJoinTheOneRunning() throws Exception {
		TestCheck slow = new TestCheck(Layer.STORAGE, (check) -> Mono.fromFuture(this.release)
			.then(Mono.fromSupplier(() -> TestCheck.result(Layer.STORAGE, CheckStatus.UP, Symptom.NONE))));
		DownloadHealthMonitor monitor = monitor(SETTINGS, slow, TestCheck.up(Layer.BACKEND), TestCheck.up(Layer.PROXY),
				TestCheck.up(Layer.END_TO_END));
		int callers = 200;
		ExecutorService pool = Executors.newFixedThreadPool(32);
		List<CompletableFuture<DownloadHealthSnapshot>> futures = new CopyOnWriteArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch called = new CountDownLatch(callers);
		try {
			for (int i = 0; i < callers; i++) {
				pool.execute(() -> {
					try {
						start.await();
						futures.add(monitor.refresh());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						called.countDown();
					}
				});
			}
			start.countDown();
			assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(monitor.refreshCount()).isOne();
			assertThat(slow.runs()).isOne();
			this.release.complete(null);
			assertThat(futures).hasSize(callers);
			DownloadHealthSnapshot first = futures.get(0).get(10, TimeUnit.SECONDS);
			for (CompletableFuture<DownloadHealthSnapshot> future : futures) {
				assertThat(future.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
			assertThat(first.sequence()).isOne();
			assertThat(monitor.refreshCount()).isOne();
			assertThat(monitor.latest()).containsSame(first);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refreshAfterTheRunningOneCompletedStartsANewOne() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE));
		DownloadHealthSnapshot first = monitor.refresh().get(10, TimeUnit.SECONDS);
		DownloadHealthSnapshot second = monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(second).isNotSameAs(first);
		assertThat(second.sequence()).isEqualTo(2);
		assertThat(monitor.refreshCount()).isEqualTo(2);
	}

	@Test
	void theFourChecksRunConcurrently() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		CountDownLatch allStarted = new CountDownLatch(4);
		List<LayerCheck> checks = new ArrayList<>();
		for (Layer layer : Layer.values()) {
			checks.add(new TestCheck(layer, (check) -> Mono.fromCallable(() -> {
				maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
				allStarted.countDown();
				try {
					// Only completes at once when all four run together; bounded
					// otherwise.
					boolean together = allStarted.await(5, TimeUnit.SECONDS);
					return TestCheck.result(layer, together ? CheckStatus.UP : CheckStatus.DOWN, Symptom.NONE);
				}
				finally {
					running.decrementAndGet();
				}
			}).subscribeOn(Schedulers.boundedElastic())));
		}
		DownloadHealthMonitor monitor = monitor(
				new Timing(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10)),
				checks.toArray(LayerCheck[]::new));
		DownloadHealthSnapshot snapshot = monitor.refresh().get(30, TimeUnit.SECONDS);
		assertThat(maxRunning).hasValue(4);
		assertThat(snapshot.results()).hasSize(4);
		assertThat(snapshot.results().values()).allSatisfy((result) -> assertThat(result.isUp()).isTrue());
	}

	@Test
	void everyPreparationFinishesBeforeAnyCheckStarts() throws Exception {
		AtomicBoolean prepared = new AtomicBoolean();
		List<Boolean> seenPrepared = new CopyOnWriteArrayList<>();
		List<LayerCheck> checks = new ArrayList<>();
		for (Layer layer : Layer.values()) {
			checks.add(new TestCheck(layer, (check) -> Mono.fromSupplier(() -> {
				seenPrepared.add(prepared.get());
				return TestCheck.result(layer, CheckStatus.UP, Symptom.NONE);
			})));
		}
		((TestCheck) checks.get(0))
			.preparing(Mono.delay(Duration.ofMillis(50)).then(Mono.fromRunnable(() -> prepared.set(true))));
		DownloadHealthMonitor monitor = monitor(SETTINGS, checks.toArray(LayerCheck[]::new));
		monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(seenPrepared).hasSize(4).containsOnly(true);
	}

	@Test
	void snapshotOlderThanStaleAfterIsReportedDown() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE));
		monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(monitor.result(Layer.STORAGE).status()).isEqualTo(CheckStatus.UP);
		this.clock.advance(Duration.ofSeconds(25));
		assertThat(monitor.result(Layer.STORAGE).status()).as("exactly stale-after old").isEqualTo(CheckStatus.UP);
		this.clock.advance(Duration.ofSeconds(1));
		CheckResult stale = monitor.result(Layer.STORAGE);
		assertThat(stale.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(stale.symptom()).isEqualTo(Symptom.SNAPSHOT_STALE);
		assertThat(stale.reason()).contains("download.healthcheck.stale-after").contains("26s");
		assertThat(monitor.latest().orElseThrow().results().get(Layer.STORAGE).isUp()).isTrue();
		assertThat(monitor.refreshCount()).as("reading a stale result starts no refresh").isOne();
	}

	@Test
	void checkThatNeverCompletesIsTurnedDownByTheSafetyNet() throws Exception {
		TestCheck hanging = new TestCheck(Layer.PROXY, (check) -> Mono.never());
		DownloadHealthMonitor monitor = monitor(
				new Timing(Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofMillis(100)),
				TestCheck.up(Layer.STORAGE), hanging);
		DownloadHealthSnapshot snapshot = monitor.refresh().get(10, TimeUnit.SECONDS);
		CheckResult result = snapshot.results().get(Layer.PROXY);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(result.requested()).isEqualTo("test proxy");
		assertThat(snapshot.results().get(Layer.STORAGE).isUp()).isTrue();
	}

	@Test
	void aStartedMonitorTimesChecksOutOnItsOwnThreadNotOnReactorsPools() throws Exception {
		AtomicReference<String> cancelledOn = new AtomicReference<>();
		TestCheck hanging = new TestCheck(Layer.PROXY, (check) -> Mono.<CheckResult>never()
			.doOnCancel(() -> cancelledOn.set(Thread.currentThread().getName())));
		DownloadHealthMonitor monitor = monitor(
				new Timing(Duration.ofMinutes(10), Duration.ofMinutes(25), Duration.ofMillis(100)), hanging);
		monitor.start();
		DownloadHealthSnapshot snapshot = monitor.snapshots().blockFirst(Duration.ofSeconds(10));
		assertThat(snapshot).isNotNull();
		assertThat(snapshot.results().get(Layer.PROXY).symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(cancelledOn.get()).isEqualTo("download-healthcheck");
	}

	@Test
	void aStartedMonitorPublishesAndLogsOnItsOwnThreadWhateverThreadCompletesAChecks() throws Exception {
		// The JDK's HttpClient completes sendAsync on CompletableFuture's default pool,
		// which is a new unnamed thread per task where the common pool has one core
		// (two-core machines and containers): the snapshot, its log lines and meters must
		// not land on such a "Thread-N".
		TestCheck foreign = new TestCheck(Layer.PROXY,
				(check) -> Mono.fromFuture(
						CompletableFuture.supplyAsync(() -> TestCheck.result(Layer.PROXY, CheckStatus.UP, Symptom.NONE),
								(task) -> new Thread(task, "foreign-completion").start())));
		DownloadHealthMonitor monitor = monitor(SETTINGS, foreign);
		AtomicReference<String> publishedOn = new AtomicReference<>();
		monitor.snapshots().subscribe((snapshot) -> publishedOn.compareAndSet(null, Thread.currentThread().getName()));
		monitor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> publishedOn.get() != null);
		assertThat(publishedOn.get()).isEqualTo("download-healthcheck");
	}

	@Test
	void checkThatFailsIsTurnedDown() throws Exception {
		TestCheck failing = new TestCheck(Layer.BACKEND,
				(check) -> Mono.error(new IllegalStateException("boom\nsecond line")));
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE), failing);
		CheckResult result = monitor.refresh().get(10, TimeUnit.SECONDS).results().get(Layer.BACKEND);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.TRANSPORT);
		assertThat(result.reason()).contains("boom second line").doesNotContain("\n");
	}

	@Test
	void checkThatThrowsInsteadOfReturningAMonoIsTurnedDown() throws Exception {
		TestCheck throwing = new TestCheck(Layer.BACKEND, (check) -> {
			throw new IllegalStateException("broken check");
		});
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE), throwing,
				TestCheck.up(Layer.PROXY), TestCheck.up(Layer.END_TO_END));
		DownloadHealthSnapshot snapshot = monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(snapshot.results()).hasSize(4);
		assertThat(snapshot.results().get(Layer.BACKEND).isDown()).isTrue();
		assertThat(snapshot.results().get(Layer.BACKEND).reason()).contains("broken check");
		assertThat(snapshot.results().get(Layer.STORAGE).isUp()).isTrue();
	}

	@Test
	void resultBeforeAnySnapshotRunsOneRefreshAndReturnsItsResult() {
		CheckResult expected = TestCheck.result(Layer.BACKEND, CheckStatus.DOWN, Symptom.WRONG_STATUS);
		TestCheck backend = new TestCheck(Layer.BACKEND, (check) -> Mono.just(expected));
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE), backend);
		assertThat(monitor.latest()).isEmpty();
		CheckResult result = monitor.result(Layer.BACKEND);
		// The same result, with the explanation of the DOWN layer added.
		assertThat(result.checkedAt()).isEqualTo(expected.checkedAt());
		assertThat(result.reason()).isEqualTo(expected.reason());
		assertThat(result.explanation()).isNotNull();
		assertThat(monitor.refreshCount()).isOne();
		assertThat(monitor.result(Layer.STORAGE).isUp()).isTrue();
		assertThat(monitor.refreshCount()).as("the second read uses the snapshot").isOne();
		assertThat(backend.runs()).as("one check and the first refresh's prompt retry").isEqualTo(2);
	}

	@Test
	void resultIsPendingWhileTheFirstRefreshTakesLongerThanTheLongestTimeout() throws Exception {
		TestCheck slow = new TestCheck(Layer.STORAGE, (check) -> Mono.fromFuture(this.release)
			.then(Mono.fromSupplier(() -> TestCheck.result(Layer.STORAGE, CheckStatus.UP, Symptom.NONE))));
		DownloadHealthMonitor monitor = monitor(
				new Timing(Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofMillis(200)), slow);
		CheckResult pending = monitor.result(Layer.STORAGE);
		assertThat(pending.status()).isEqualTo(CheckStatus.UNKNOWN);
		assertThat(pending.symptom()).isEqualTo(Symptom.PENDING);
		assertThat(pending.requested()).isEqualTo("test storage");
		this.release.complete(null);
		// Wait for the refresh already running to publish, without starting another one.
		assertThat(monitor.snapshots().blockFirst(Duration.ofSeconds(10))).isNotNull();
		assertThat(monitor.result(Layer.STORAGE).isUp()).isTrue();
		assertThat(monitor.refreshCount()).isOne();
	}

	@Test
	void layerWithoutCheckIsPending() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE));
		monitor.refresh().get(10, TimeUnit.SECONDS);
		CheckResult result = monitor.result(Layer.PROXY);
		assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.PENDING);
	}

	@Test
	void stoppingWhileAProbeWaitsForTheFirstSnapshotLeavesItPending() throws Exception {
		TestCheck slow = new TestCheck(Layer.STORAGE, (check) -> Mono.fromFuture(this.release)
			.then(Mono.fromSupplier(() -> TestCheck.result(Layer.STORAGE, CheckStatus.UP, Symptom.NONE))));
		DownloadHealthMonitor monitor = monitor(SETTINGS, slow);
		CompletableFuture<CheckResult> probe = CompletableFuture.supplyAsync(() -> monitor.result(Layer.STORAGE));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> monitor.refreshCount() == 1);
		monitor.stop();
		CheckResult result = probe.get(10, TimeUnit.SECONDS);
		assertThat(result.symptom()).isEqualTo(Symptom.PENDING);
	}

	@Test
	void snapshotsEmitsEachPublishedSnapshot() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE));
		CompletableFuture<List<DownloadHealthSnapshot>> firstTwo = monitor.snapshots().take(2).collectList().toFuture();
		DownloadHealthSnapshot first = monitor.refresh().get(10, TimeUnit.SECONDS);
		DownloadHealthSnapshot second = monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(firstTwo.get(10, TimeUnit.SECONDS)).containsExactly(first, second);
		assertThat(monitor.snapshots().blockFirst(Duration.ofSeconds(10))).as("a late subscriber gets the latest")
			.isSameAs(second);
	}

	@Test
	void explanationLandsOnTheDownLayerTypedAndInItsDetails() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE), TestCheck.up(Layer.BACKEND),
				TestCheck.up(Layer.PROXY), TestCheck.down(Layer.END_TO_END, Symptom.EMPTY_BODY));
		DownloadHealthSnapshot snapshot = monitor.refresh().get(10, TimeUnit.SECONDS);
		CheckResult endToEnd = snapshot.results().get(Layer.END_TO_END);
		assertThat(endToEnd.explanation()).isNotNull();
		assertThat(endToEnd.explanation().cause()).isEqualTo(Cause.HAND_OFF_IGNORED);
		assertThat(endToEnd.explanation().fix()).contains("proxy_ignore_headers");
		assertThat(endToEnd.details()).containsEntry("cause", "hand-off-ignored").containsKey("fix");
		assertThat(snapshot.results().get(Layer.PROXY).explanation()).isNull();
	}

	@Test
	void everyDownLayerIsExplainedAndNoUpOne() throws Exception {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.down(Layer.STORAGE, Symptom.DUMMY_MISSING),
				TestCheck.up(Layer.END_TO_END));
		DownloadHealthSnapshot snapshot = monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(snapshot.results().get(Layer.END_TO_END).explanation()).isNull();
		assertThat(snapshot.results().get(Layer.STORAGE).details()).containsEntry("cause", "dummy-deleted")
			.containsKey("fix");
	}

	@Test
	void checkFailingOnlyOnTheFirstRefreshIsRetriedAtOnceAndReportedUp() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		TestCheck cold = new TestCheck(Layer.BACKEND,
				(check) -> Mono.fromSupplier(() -> (calls.incrementAndGet() == 1)
						? TestCheck.result(Layer.BACKEND, CheckStatus.DOWN, Symptom.TIMEOUT)
						: TestCheck.result(Layer.BACKEND, CheckStatus.UP, Symptom.NONE)));
		TestCheck storage = TestCheck.up(Layer.STORAGE);
		DownloadHealthMonitor monitor = monitor(SETTINGS, storage, cold);
		DownloadHealthSnapshot first = monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(first.results().get(Layer.BACKEND).isUp()).isTrue();
		assertThat(cold.runs()).isEqualTo(2);
		assertThat(storage.runs()).as("a check that passed is not run again").isOne();
		assertThat(monitor.refreshCount()).as("the retry is part of the first refresh").isOne();
	}

	@Test
	void onlyTheFirstRefreshRetriesAndARealFaultIsReportedWithTheRetrysResult() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		TestCheck broken = new TestCheck(Layer.PROXY,
				(check) -> Mono.fromSupplier(() -> TestCheck.result(Layer.PROXY, CheckStatus.DOWN, Symptom.WRONG_STATUS)
					.asDown(Symptom.WRONG_STATUS, "attempt " + calls.incrementAndGet())));
		DownloadHealthMonitor monitor = monitor(SETTINGS, broken);
		CheckResult first = monitor.refresh().get(10, TimeUnit.SECONDS).results().get(Layer.PROXY);
		assertThat(first.isDown()).isTrue();
		assertThat(first.reason()).isEqualTo("attempt 2");
		monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(broken.runs()).as("no retry after the first refresh").isEqualTo(3);
	}

	@Test
	void findingIsLoggedAsAWarningWhenItAppearsAndWhenItGoesNotOnEveryRefresh(CapturedOutput output) throws Exception {
		AtomicBoolean exposed = new AtomicBoolean(true);
		TestCheck proxy = new TestCheck(Layer.PROXY, (check) -> Mono.fromSupplier(() -> {
			CheckResult up = TestCheck.result(Layer.PROXY, CheckStatus.UP, Symptom.NONE);
			return exposed.get()
					? up.reporting(new FindingReport(Finding.STORAGE_EXPOSED, "served it", "make it internal")) : up;
		}));
		DownloadHealthMonitor monitor = monitor(SETTINGS, proxy);
		for (int i = 0; i < 3; i++) {
			DownloadHealthSnapshot snapshot = monitor.refresh().get(10, TimeUnit.SECONDS);
			assertThat(snapshot.results().get(Layer.PROXY).isUp()).isTrue();
		}
		String warning = "Download health proxy SECURITY FINDING storage-exposed: served it (fix: make it internal)";
		assertThat(output.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
		assertThat(output.getOut()).contains("WARN");
		exposed.set(false);
		monitor.refresh().get(10, TimeUnit.SECONDS);
		monitor.refresh().get(10, TimeUnit.SECONDS);
		assertThat(output.getOut().split("finding storage-exposed is resolved", -1)).hasSize(2);
	}

	@Test
	void startRefreshesInTheBackgroundUntilStopped() {
		DownloadHealthMonitor monitor = monitor(SETTINGS, TestCheck.up(Layer.STORAGE));
		assertThat(monitor.isRunning()).isFalse();
		monitor.start();
		assertThat(monitor.isRunning()).isTrue();
		DownloadHealthSnapshot first = monitor.snapshots().blockFirst(Duration.ofSeconds(10));
		assertThat(first).isNotNull();
		assertThat(first.results().get(Layer.STORAGE).isUp()).isTrue();
		monitor.stop();
		assertThat(monitor.isRunning()).isFalse();
		assertThat(monitor.latest()).containsSame(first);
	}

	/**
	 * The monitor's interval and staleness, and the timeout every test check gets.
	 */
	private record Timing(Duration interval, Duration staleAfter, Duration timeout) {
	}

	private DownloadHealthMonitor monitor(Timing settings, LayerCheck... checks) {
		for (LayerCheck check : checks) {
			if (check instanceof TestCheck test) {
				test.timingOutAfter(settings.timeout());
			}
		}
		DownloadHealthMonitor monitor = new DownloadHealthMonitor(List.of(checks), CONTEXT, settings.interval(),
				settings.staleAfter(), this.clock);
		this.monitors.add(monitor);
		return monitor;
	}

}
