package io.github.downloadhealthcheck.harness.proxy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * One real reverse proxy process, run in the foreground from a config in a work folder,
 * for tests. Start it with {@link #start(ProxyKind, String, Path, int)} or
 * {@link ProxyConfig#start()}. Its stdout and stderr go to {@code <workDir>/<binary>.log}
 * ({@link #log()}).
 *
 * <p>
 * Started as root, nginx, Apache and lighttpd serve files as {@code nobody}: the storage
 * files must be world-readable and every folder above them world-traversable
 * ({@code @TempDir} and {@code Files.createTempDirectory} make 0700 folders). The work
 * folder is made 0755 here.
 */
public final class ReverseProxyServer implements AutoCloseable {

	public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final File DEV_NULL = new File("/dev/null");

	private static final Set<ReverseProxyServer> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		// A JVM that dies mid-test must not leave proxies holding ports.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach((server) -> {
			Process process = server.process;
			if (process != null) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}), "reverse-proxy-cleanup"));
	}

	private final ProxyKind kind;

	private final Path workDir;

	private final Path configFile;

	private final Path logFile;

	private final int port;

	private volatile @Nullable Process process;

	private ReverseProxyServer(ProxyKind kind, Path workDir, int port) {
		this.kind = kind;
		this.workDir = workDir.toAbsolutePath().normalize();
		this.configFile = kind.configFile(this.workDir);
		this.logFile = this.workDir.resolve(kind.binaryName() + ".log");
		this.port = port;
	}

	/**
	 * Writes the config into {@code workDir}, checks it with the proxy's own config test,
	 * starts the proxy and waits until {@code port} on 127.0.0.1 accepts connections.
	 * @throws IllegalStateException with the apt-get command as message if the proxy is
	 * not installed; with the proxy's output if the config is invalid, the proxy exits or
	 * does not listen within {@link #START_TIMEOUT}
	 */
	public static ReverseProxyServer start(ProxyKind kind, String renderedConfig, Path workDir, int port) {
		if (!kind.isInstalled()) {
			throw new IllegalStateException(kind.installCommand());
		}
		ReverseProxyServer server = new ReverseProxyServer(kind, workDir, port);
		server.writeConfig(renderedConfig);
		server.validate();
		server.launch();
		return server;
	}

	/** Same as {@link ProxyConfig#start()}. */
	public static ReverseProxyServer start(ProxyConfig config) {
		return config.start();
	}

	public ProxyKind kind() {
		return this.kind;
	}

	public int port() {
		return this.port;
	}

	/** {@code http://127.0.0.1:<port>}, no trailing slash. */
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** {@link #baseUri()} plus a path that must already be percent-encoded. */
	public URI uri(String encodedPath) {
		return URI.create(baseUri() + (encodedPath.startsWith("/") ? "" : "/") + encodedPath);
	}

	/** Process id of the proxy's main (master) process. */
	public long pid() {
		return running().pid();
	}

	/** The processes the proxy's main process started: its workers, for nginx. */
	public List<ProcessHandle> workers() {
		return running().descendants().toList();
	}

	public boolean isAlive() {
		Process process = this.process;
		return process != null && process.isAlive();
	}

	public Path workDir() {
		return this.workDir;
	}

	public Path configFile() {
		return this.configFile;
	}

	/** Everything the proxy printed so far, across restarts. */
	public String log() {
		try {
			return Files.exists(this.logFile) ? read(this.logFile) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	private Process running() {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException(this.kind + " was never started");
		}
		return process;
	}

	/**
	 * Stops the proxy gracefully ({@link ProxyKind#stopSignal()}), waits at most
	 * {@link #STOP_TIMEOUT}, then kills it; its worker processes too. Idempotent.
	 */
	public synchronized void stop() {
		Process process = this.process;
		if (process == null) {
			return;
		}
		try {
			// Collected while the master lives: once it exits its workers are
			// re-parented.
			List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
			if (process.isAlive()) {
				signal(this.kind.stopSignal());
			}
			if (!waitFor(process, STOP_TIMEOUT)) {
				process.descendants().forEach(children::add);
				process.destroyForcibly();
				waitFor(process, STOP_TIMEOUT);
			}
			for (ProcessHandle child : children) {
				// Killed workers are waited for too: when stop() returns, none holds the
				// port.
				if (!exited(child, Duration.ofSeconds(1))) {
					child.destroyForcibly();
					exited(child, STOP_TIMEOUT);
				}
			}
		}
		finally {
			RUNNING.remove(this);
		}
	}

	/**
	 * Kills the proxy and its workers with SIGKILL, as the kernel's OOM killer or a
	 * crashing host would: no graceful close of open connections. Returns once none of
	 * them holds the port; {@link #restart()} starts it again.
	 */
	public synchronized void kill() {
		List<ProcessHandle> workers = running().descendants().toList();
		// The main process first: a worker killed before it would be replaced at once by
		// a new one, which outlives the main process and keeps the port.
		running().destroyForcibly();
		List<ProcessHandle> all = new ArrayList<>(workers);
		all.add(running().toHandle());
		workers.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : all) {
			if (!exited(process, STOP_TIMEOUT)) {
				throw new IllegalStateException("process " + process.pid() + " of " + this + " survived SIGKILL");
			}
		}
		RUNNING.remove(this);
		try {
			await(this + " no longer listening after SIGKILL").atMost(STOP_TIMEOUT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> !accepts());
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("port " + this.port + " still accepts connections after " + this
					+ " and its workers " + workers + " were killed: a process of its own it did not know?", ex);
		}
	}

	/**
	 * Writes {@code renderedConfig} over the config file and asks the running proxy to
	 * reload it (SIGHUP), as {@code systemctl reload} does. Returns at once: the proxy
	 * applies it, or keeps the old one when it is invalid, in its own time.
	 */
	public synchronized void reload(String renderedConfig) {
		if (!running().isAlive()) {
			throw new IllegalStateException(this + " is not running: nothing to reload\n" + log());
		}
		writeConfig(renderedConfig);
		signal("HUP");
	}

	/** Stops (if running) and starts again with the same config, work folder and port. */
	public synchronized void restart() {
		stop();
		launch();
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.kind + " on " + baseUri() + (this.process == null ? "" : " (pid " + this.process.pid() + ")");
	}

	private void writeConfig(String renderedConfig) {
		try {
			Files.createDirectories(this.workDir);
			// Workers run as nobody when started as root: they need to reach the temp
			// paths here.
			try {
				Files.setPosixFilePermissions(this.workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			catch (UnsupportedOperationException | IOException ex) {
				// Not a POSIX file system or not ours: the proxy will say if it matters.
			}
			Files.writeString(this.configFile, renderedConfig, StandardCharsets.UTF_8);
			for (String dir : this.kind.environment(this.workDir).values()) {
				Files.createDirectories(Path.of(dir));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the " + this.kind + " config into " + this.workDir, ex);
		}
	}

	private void validate() {
		Path output = this.workDir.resolve(this.kind.binaryName() + "-configtest.log");
		ProcessBuilder builder = new ProcessBuilder(this.kind.validateCommand(this.workDir))
			.directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(DEV_NULL);
		builder.environment().putAll(this.kind.environment(this.workDir));
		try {
			Process check = builder.start();
			if (!waitFor(check, START_TIMEOUT)) {
				check.destroyForcibly();
				throw new IllegalStateException(this.kind + " config test did not finish within "
						+ START_TIMEOUT.toSeconds() + " s: " + String.join(" ", builder.command()));
			}
			if (check.exitValue() != 0) {
				throw new IllegalStateException(this.kind + " config test failed (exit " + check.exitValue() + "): "
						+ String.join(" ", builder.command()) + "\n" + read(output) + "--- " + this.configFile
						+ " ---\n" + numbered(read(this.configFile)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + builder.command(), ex);
		}
	}

	private synchronized void launch() {
		ProcessBuilder builder = new ProcessBuilder(this.kind.runCommand(this.workDir)).directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.redirectInput(DEV_NULL);
		builder.environment().putAll(this.kind.environment(this.workDir));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + builder.command(), ex);
		}
		RUNNING.add(this);
		try {
			await("%s listening on %s".formatted(this.kind, baseUri())).atMost(START_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> !running().isAlive() || accepts());
		}
		catch (ConditionTimeoutException ex) {
			stop();
			throw new IllegalStateException(this.kind + " did not listen on " + baseUri() + " within "
					+ START_TIMEOUT.toSeconds() + " s\n" + log(), ex);
		}
		if (!running().isAlive()) {
			RUNNING.remove(this);
			throw new IllegalStateException(this.kind + " exited with " + running().exitValue()
					+ " before listening on " + baseUri() + ": " + String.join(" ", builder.command()) + "\n" + log());
		}
	}

	private boolean accepts() {
		return FreePorts.isListening(this.port);
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(running().pid()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (kill.waitFor(2, TimeUnit.SECONDS) && kill.exitValue() == 0) {
				return;
			}
		}
		catch (IOException ex) {
			// no kill(1): fall back to SIGTERM below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		running().destroy();
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean exited(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	private static String read(Path file) throws IOException {
		// Lenient: proxies may print file names in any encoding.
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	private static String numbered(String text) {
		StringBuilder out = new StringBuilder();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			out.append(String.format("%4d  %s%n", i + 1, lines[i]));
		}
		return out.toString();
	}

}
