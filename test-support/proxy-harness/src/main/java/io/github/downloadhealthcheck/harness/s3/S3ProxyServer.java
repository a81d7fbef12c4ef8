package io.github.downloadhealthcheck.harness.s3;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.harness.proxy.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 server for tests: S3Proxy 4.1.0 (Maven Central,
 * {@code jar-with-dependencies}) with its file-system backend, run as a separate
 * {@code java -jar} process on a free loopback port. It checks AWS signatures (V2 and
 * V4), so a wrong secret is refused as with AWS. A bucket is a folder below
 * {@link #baseDir()}; an object is a plain file in it.
 */
public final class S3ProxyServer implements AutoCloseable {

	/** Access key id the server knows. */
	public static final String ACCESS_KEY = "download-healthcheck";

	/** The secret of {@link #ACCESS_KEY}. */
	public static final String SECRET_KEY = "s3cr3t-for-tests-only";

	/** Region clients sign for; S3Proxy accepts any. */
	public static final String REGION = "us-east-1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		// A JVM that dies mid-test must not leave the server holding its port.
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "s3proxy-cleanup"));
	}

	private final Path workDir;

	private final Path baseDir;

	private final Path log;

	private final int port;

	private volatile @Nullable Process process;

	private volatile Duration lastStartTime = Duration.ZERO;

	private final Duration clockOffset;

	private S3ProxyServer(Path workDir, int port, Duration clockOffset) {
		this.workDir = workDir;
		this.baseDir = workDir.resolve("data");
		this.log = workDir.resolve("s3proxy.log");
		this.port = port;
		this.clockOffset = clockOffset;
	}

	/**
	 * Starts S3Proxy with its data in {@code workDir}/data.
	 * @param workDir an empty folder for configuration, data and log
	 * @return the running server
	 * @throws IllegalStateException naming the Maven command when the jar is missing,
	 * with the log when the server does not listen in time
	 */
	public static S3ProxyServer start(Path workDir) {
		return start(workDir, Duration.ZERO);
	}

	/**
	 * Starts S3Proxy whose clock is off by {@code clockOffset}, through libfaketime
	 * (Debian's {@code faketime}): a store whose clock disagrees with the application's.
	 * @param workDir an empty folder for configuration, data and log
	 * @param clockOffset how far ahead of the real time the store's clock runs
	 * @return the running server
	 * @throws IllegalStateException naming the apt-get command when libfaketime is
	 * missing
	 */
	public static S3ProxyServer start(Path workDir, Duration clockOffset) {
		S3ProxyServer server = new S3ProxyServer(workDir.toAbsolutePath(), FreePorts.next(), clockOffset);
		server.writeConfig();
		server.launch();
		return server;
	}

	/**
	 * The jar, as copied by the build (maven-dependency-plugin, see sample-app/pom.xml).
	 */
	static Path jar() {
		String configured = System.getProperty("s3proxy.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target/s3proxy/s3proxy.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("S3Proxy jar not found at " + jar + ": run the tests through Maven "
					+ "(./test.sh), which copies org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies there, or run "
					+ "mvn -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies "
					+ "-DoutputDirectory=sample-app/target/s3proxy and rename it s3proxy.jar");
		}
		return jar;
	}

	/** {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	/** Folder of the buckets: each bucket is a sub-folder. */
	public Path baseDir() {
		return this.baseDir;
	}

	/** Creates a bucket, the way S3Proxy's file-system backend stores one. */
	public Path createBucket(String bucket) {
		try {
			return Files.createDirectories(this.baseDir.resolve(bucket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file holding an object. */
	public Path objectFile(String bucket, String key) {
		return this.baseDir.resolve(bucket).resolve(key);
	}

	/** How long the last start took until the port accepted connections. */
	public Duration lastStartTime() {
		return this.lastStartTime;
	}

	public boolean isAlive() {
		Process process = this.process;
		return process != null && process.isAlive();
	}

	/** Everything the server printed. */
	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/** Stops the server; the port is free once this returns. Idempotent. */
	public synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				running.destroyForcibly();
				running.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.destroyForcibly();
		}
		finally {
			RUNNING.remove(running);
			this.process = null;
		}
	}

	/** Starts again on the same port with the same data. */
	public synchronized void restart() {
		stop();
		launch();
	}

	@Override
	public void close() {
		stop();
	}

	private void writeConfig() {
		try {
			Files.createDirectories(this.baseDir);
			Files.writeString(this.workDir.resolve("s3proxy.properties"),
					String.join("\n", "s3proxy.endpoint=" + endpoint(), "s3proxy.authorization=aws-v2-or-v4",
							"s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
							"jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + this.baseDir, ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the S3Proxy configuration into " + this.workDir, ex);
		}
	}

	private synchronized void launch() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar().toString(), "--properties",
				this.workDir.resolve("s3proxy.properties").toString()))
			.directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.redirectInput(new File("/dev/null"));
		if (!this.clockOffset.isZero()) {
			if (!Files.isRegularFile(FAKETIME)) {
				throw new IllegalStateException("libfaketime is missing: apt-get update && "
						+ "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends faketime");
			}
			builder.environment().put("LD_PRELOAD", FAKETIME.toString());
			builder.environment()
				.put("FAKETIME", ((this.clockOffset.isNegative()) ? "" : "+") + this.clockOffset.toSeconds());
			// The JVM's timers and GC run on the monotonic clock: leave it alone.
			builder.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
		}
		long started = System.nanoTime();
		Process running;
		try {
			running = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + builder.command(), ex);
		}
		this.process = running;
		RUNNING.add(running);
		try {
			await("S3Proxy listening on " + endpoint()).atMost(START_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> !running.isAlive() || accepts());
		}
		catch (ConditionTimeoutException ex) {
			stop();
			throw new IllegalStateException("S3Proxy did not listen on " + endpoint() + " within "
					+ START_TIMEOUT.toSeconds() + " s: " + String.join(" ", builder.command()) + "\n" + log(), ex);
		}
		if (!running.isAlive()) {
			stop();
			throw new IllegalStateException("S3Proxy exited with " + running.exitValue() + " before listening on "
					+ endpoint() + ": " + String.join(" ", builder.command()) + "\n" + log());
		}
		this.lastStartTime = Duration.ofNanos(System.nanoTime() - started);
	}

	private boolean accepts() {
		return FreePorts.isListening(this.port);
	}

}
