package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.downloadhealthcheck.harness.net.SilentServer;
import io.github.downloadhealthcheck.harness.app.ChildJvmApp;
import io.github.downloadhealthcheck.sample.SampleApplication;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What SIGTERM does to an application whose checks are under way: Spring Boot's shutdown
 * hook closes the context from a thread of its own (Tomcat's graceful shutdown, the
 * lifecycle stop, bean destruction), and that must return long before the hung check
 * would time out, log nothing at ERROR, and leave no thread of the starter's behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownMidRefreshIntegrationTests {

	/**
	 * Long enough that the hung checks are surely still running when the context closes.
	 */
	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How long closing may take: half the check timeout, far above what a prompt close
	 * needs on a loaded machine and far below what waiting for the check would take.
	 */
	private static final Duration CLOSE_BOUND = CHECK_TIMEOUT.dividedBy(2);

	private static final String DUMMY = ".download-healthcheck/dummy.bin";

	@TempDir
	Path temp;

	@Test
	void contextClosedWhileHttpChecksHang(CapturedOutput output) throws Exception {
		Set<Thread> before = threadsBefore();
		try (SilentServer silent = new SilentServer(FreePorts.next())) {
			RunningSampleApp app = RunningSampleApp.start(properties(silent.port()));
			await().atMost(CHECK_TIMEOUT).until(silent::accepted);
			assertThat(app.monitor().latest()).as("the first refresh is still under way").isEmpty();
			assertThat(closeLikeTheShutdownHook(app)).isLessThan(CLOSE_BOUND);
			awaitNoStarterThreadLeft(before);
		}
		assertThat(output.getAll()).doesNotContain(" ERROR ");
	}

	@Test
	void contextClosedWhileTheStorageReadHangs(CapturedOutput output) throws Exception {
		Set<Thread> before = threadsBefore();
		Path storage = Files.createDirectories(this.temp.resolve("storage"));
		Map<String, String> properties = AppBehindProxy.handOffProperties(storage, "/internal-storage");
		properties.put("download.healthcheck.interval", "10m");
		properties.put("download.healthcheck.timeout", CHECK_TIMEOUT.toSeconds() + "s");
		RunningSampleApp app = RunningSampleApp.start(properties);
		app.firstSnapshotAfter(0);
		// A FIFO with no writer: every read blocks in open(), which no interrupt ends,
		// like a hung network file system.
		Path dummy = storage.resolve(DUMMY);
		Files.delete(dummy);
		mkfifo(dummy);
		app.monitor().refresh();
		await().atMost(CHECK_TIMEOUT).until(() -> storageThreadBlockedInOpen(before));
		assertThat(closeLikeTheShutdownHook(app)).isLessThan(CLOSE_BOUND);
		assertThat(storageThreadBlockedInOpen(before)).as("no interrupt ends the blocked read").isTrue();
		// The blocked read outlives the context; once the storage answers (a writer comes
		// and goes: the read ends), its thread ends with it.
		new RandomAccessFile(dummy.toFile(), "rw").close();
		awaitNoStarterThreadLeft(before);
		assertThat(output.getAll()).doesNotContain(" ERROR ");
	}

	@Test
	void sigtermToTheApplicationProcessWhileHttpChecksHang() throws Exception {
		try (SilentServer silent = new SilentServer(FreePorts.next())) {
			ChildJvmApp.Spec spec = ChildJvmApp.Spec
				.ofMainClass(testClassPath(), SampleApplication.class.getName(), this.temp.resolve("child"))
				.withProperties(properties(silent.port()));
			try (ChildJvmApp application = ChildJvmApp.launch(spec)) {
				await().atMost(Duration.ofSeconds(60)).until(silent::accepted);
				long started = System.nanoTime();
				// SIGTERM, as a container runtime or systemd sends it.
				OptionalInt exit = application.terminate(CHECK_TIMEOUT);
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				assertThat(exit).as("exited").isPresent();
				String output = Files.readString(application.log());
				assertThat(took).as(output).isLessThan(CLOSE_BOUND);
				assertThat(exit.getAsInt()).as(output).isIn(0, 143);
				assertThat(output).contains("Graceful shutdown complete").doesNotContain(" ERROR ");
			}
		}
	}

	private Map<String, String> properties(int silentPort) throws IOException {
		Path storage = Files.createDirectories(this.temp.resolve("storage"));
		Map<String, String> properties = AppBehindProxy.handOffProperties(storage, "/internal-storage");
		properties.putAll(AppBehindProxy.checkProperties(silentPort, Duration.ofMinutes(10), CHECK_TIMEOUT));
		return properties;
	}

	/**
	 * The test class path: surefire's manifest-only jar is
	 * {@code surefire.real.class.path}, and {@code java.class.path} holds the real
	 * entries.
	 */
	private static String testClassPath() {
		String classPath = System.getProperty("java.class.path");
		assertThat(classPath).contains("spring-boot");
		return classPath;
	}

	/**
	 * Closes the context from a thread of its own, as the shutdown hook does on SIGTERM.
	 * @return how long closing took
	 */
	private static Duration closeLikeTheShutdownHook(RunningSampleApp app) throws Exception {
		long started = System.nanoTime();
		CompletableFuture<Void> closed = new CompletableFuture<>();
		Thread hook = new Thread(() -> {
			try {
				app.close();
				closed.complete(null);
			}
			catch (Throwable ex) {
				closed.completeExceptionally(ex);
			}
		}, "shutdown-hook-stand-in");
		hook.start();
		closed.get(CHECK_TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static void awaitNoStarterThreadLeft(Set<Thread> before) {
		await().atMost(CHECK_TIMEOUT).untilAsserted(() -> {
			collectUnreachableClientsOnJava17();
			assertThat(starterThreads(before)).isEmpty();
		});
	}

	/**
	 * Java 17's {@code HttpClient} cannot be shut down: its selector thread ends once the
	 * client is unreachable and collected. From Java 21 on the starter shuts it down, and
	 * no collection may be needed for the thread to end.
	 */
	private static void collectUnreachableClientsOnJava17() {
		if (Runtime.version().feature() < 21) {
			System.gc();
		}
	}

	/**
	 * The threads alive before the application starts, this test's own HTTP client's
	 * among them.
	 */
	private static Set<Thread> threadsBefore() throws ClassNotFoundException {
		Class.forName(RunningSampleApp.class.getName(), true, RunningSampleApp.class.getClassLoader());
		return Thread.getAllStackTraces().keySet();
	}

	/**
	 * The live threads the starter or its HTTP client started since {@code before}, with
	 * where they are.
	 */
	private static List<String> starterThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> !before.contains(entry.getKey()) && entry.getKey().isAlive())
			.filter((entry) -> isStarters(entry.getKey().getName()))
			.map((entry) -> entry.getKey().getName() + " at "
					+ Arrays.stream(entry.getValue()).limit(8).map(String::valueOf).collect(Collectors.joining(" < ")))
			.toList();
	}

	private static boolean isStarters(String name) {
		return name.startsWith("download-healthcheck") || name.startsWith("HttpClient-")
				|| name.startsWith("reactor-http");
	}

	private static boolean storageThreadBlockedInOpen(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> !before.contains(entry.getKey()))
			.filter((entry) -> entry.getKey().getName().startsWith("download-healthcheck-storage"))
			.anyMatch((entry) -> Arrays.stream(entry.getValue())
				.anyMatch((frame) -> frame.getMethodName().equals("open0")));
	}

	private static void mkfifo(Path path) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder("mkfifo", "-m", "644", path.toString()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("mkfifo is missing: apt-get install -y coreutils", ex);
		}
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
