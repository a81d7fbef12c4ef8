package io.github.downloadhealthcheck.harness.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The application under test as a process of its own (a child JVM, from its executable
 * jar or from a class path), so that its threads, file descriptors, connections and heap
 * are its own and SIGTERM is real. The one launcher of the integration tests and the
 * soak. Run as {@code nobody} when asked to ({@link RunAs#unprivileged()}): taking
 * storage permissions away must affect the application as it would in production, where
 * it never runs as root.
 */
public final class ChildJvmApp implements AutoCloseable {

	private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR\\s.*");

	/** How long {@link #start(Spec)} waits for liveness. */
	public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ChildJvmApp(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the application and waits until it is live.
	 * @param spec what to run and how
	 * @return the running application
	 */
	public static ChildJvmApp start(Spec spec) {
		ChildJvmApp app = launch(spec);
		app.awaitLive(START_TIMEOUT);
		return app;
	}

	/**
	 * Starts the application without waiting for it: for an application expected to fail
	 * start-up, or to be awaited otherwise.
	 * @param spec what to run and how
	 * @return the started process
	 */
	public static ChildJvmApp launch(Spec spec) {
		try {
			Files.createDirectories(spec.workDir());
			spec.user().own(spec.workDir());
			List<String> command = new ArrayList<>(spec.user().prefix());
			command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
			Path jar = spec.jar();
			if (jar != null) {
				Path copy = spec.workDir().resolve("app.jar");
				// The user may not read the build's folders: run a copy it can read.
				Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
				spec.user().own(copy);
				command.addAll(List.of("-jar", copy.toString()));
			}
			else {
				command.addAll(List.of("-cp", spec.classPath(), spec.mainClass()));
			}
			command.addAll(List.of("--server.port=" + spec.port(), "--server.address=127.0.0.1",
					"--spring.main.banner-mode=off"));
			spec.properties().forEach((name, value) -> command.add("--" + name + "=" + value));
			Path log = spec.workDir().resolve("app.log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workDir().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(new File("/dev/null"));
			if (spec.clearLocale()) {
				builder.environment().keySet().removeIf((name) -> name.equals("LANG") || name.startsWith("LC_"));
			}
			builder.environment().putAll(spec.environment());
			return new ChildJvmApp(builder.start(), spec.port(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the application: " + spec, ex);
		}
	}

	/**
	 * Waits until the application's liveness answers 200, or fails with its log.
	 * @param atMost how long to wait
	 */
	public void awaitLive(Duration atMost) {
		try {
			await("the application live on port " + this.port).atMost(atMost)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !this.process.isAlive() || status("/actuator/health/liveness") == 200);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException(
					"the application was not live within " + atMost.toSeconds() + " s; its log:\n" + tail(), ex);
		}
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					"the application exited with " + this.process.exitValue() + "; its log:\n" + tail());
		}
	}

	/**
	 * Waits at most {@code atMost} for the process to exit on its own.
	 * @param atMost how long to wait
	 * @return the exit code, or empty when it still runs
	 */
	public OptionalInt awaitExit(Duration atMost) {
		try {
			if (this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
				return OptionalInt.of(this.process.exitValue());
			}
			return OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalInt.empty();
		}
	}

	private int status(String path) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * The application's address.
	 * @param path the path on it
	 * @return the URI on 127.0.0.1
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** The server port it was started with. */
	public int port() {
		return this.port;
	}

	/** The process id. */
	public long pid() {
		return this.process.pid();
	}

	/** Whether the process still runs. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The heap in use right after two full collections ({@code jcmd GC.run}), as the
	 * application's own {@code jvm.memory.used} reports it: what the application keeps
	 * alive.
	 * @return bytes
	 */
	public long heapAfterFullGc() {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		for (int i = 0; i < 2; i++) {
			run(List.of(jcmd.toString(), Long.toString(pid()), "GC.run"));
		}
		try {
			HttpResponse<String> answer = this.http
				.send(HttpRequest.newBuilder(uri("/actuator/metrics/jvm.memory.used?tag=area:heap"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode value = json.readTree(answer.body()).path("measurements").path(0).path("value");
			if (!value.isNumber()) {
				throw new IllegalStateException("no jvm.memory.used in " + answer.body());
			}
			return value.asLong();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A thread dump ({@code jcmd Thread.print}), to tell what a change in the thread
	 * count is.
	 * @return the dump
	 */
	public String threadDump() {
		return run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid()),
				"Thread.print"));
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends SIGTERM, as Kubernetes does, and waits at most {@code atMost} for the process
	 * to exit.
	 * @param atMost how long to wait
	 * @return the exit code, or empty when it still ran
	 */
	public OptionalInt terminate(Duration atMost) {
		this.process.destroy();
		return awaitExit(atMost);
	}

	/** The lines the application logged at ERROR, each with the line that follows it. */
	public List<String> errorLines() {
		List<String> lines = logLines();
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (ERROR_LINE.matcher(lines.get(i)).matches()) {
				errors.add(lines.get(i) + ((i + 1 < lines.size()) ? "\n    " + lines.get(i + 1) : ""));
			}
		}
		return errors;
	}

	/** The application's log so far, a line each. */
	public List<String> logLines() {
		try {
			return Files.exists(this.log) ? Files.readAllLines(this.log, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file the application logs to (standard output and error). */
	public Path log() {
		return this.log;
	}

	/** The last 60 lines of the log. */
	public String tail() {
		List<String> lines = logLines();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * What to run: a jar or a main class, where, on which port, with which properties.
	 *
	 * @param jar the executable jar, or null to run {@code mainClass}
	 * @param classPath the class path of {@code mainClass}
	 * @param mainClass the main class when there is no jar
	 * @param workDir the working folder, which gets the log
	 * @param user who it runs as
	 * @param port its server port on 127.0.0.1, 0 for one the application picks
	 * @param properties its properties, as command line arguments
	 * @param environment more environment variables (secrets stay out of the command
	 * line)
	 * @param clearLocale whether {@code LANG} and {@code LC_*} are removed from its
	 * environment, as in a container without a locale
	 */
	public record Spec(@Nullable Path jar, String classPath, String mainClass, Path workDir, RunAs user, int port,
			Map<String, String> properties, Map<String, String> environment, boolean clearLocale) {

		/**
		 * Runs an executable jar, as this process's user, on a port the application
		 * picks.
		 * @param jar the jar
		 * @param workDir the working folder
		 * @return the spec
		 */
		public static Spec ofJar(Path jar, Path workDir) {
			return new Spec(jar, "", "", workDir, RunAs.CURRENT, 0, Map.of(), Map.of(), false);
		}

		/**
		 * Runs a main class from a class path (e.g. this JVM's, {@code java.class.path}).
		 * @param classPath the class path
		 * @param mainClass the main class
		 * @param workDir the working folder
		 * @return the spec
		 */
		public static Spec ofMainClass(String classPath, String mainClass, Path workDir) {
			return new Spec(null, classPath, mainClass, workDir, RunAs.CURRENT, 0, Map.of(), Map.of(), false);
		}

		public Spec withUser(RunAs user) {
			return new Spec(this.jar, this.classPath, this.mainClass, this.workDir, user, this.port, this.properties,
					this.environment, this.clearLocale);
		}

		public Spec withPort(int port) {
			return new Spec(this.jar, this.classPath, this.mainClass, this.workDir, this.user, port, this.properties,
					this.environment, this.clearLocale);
		}

		public Spec withProperties(Map<String, String> properties) {
			return new Spec(this.jar, this.classPath, this.mainClass, this.workDir, this.user, this.port,
					Map.copyOf(properties), this.environment, this.clearLocale);
		}

		public Spec withEnvironment(Map<String, String> environment) {
			return new Spec(this.jar, this.classPath, this.mainClass, this.workDir, this.user, this.port,
					this.properties, Map.copyOf(environment), this.clearLocale);
		}

		public Spec withoutLocale() {
			return new Spec(this.jar, this.classPath, this.mainClass, this.workDir, this.user, this.port,
					this.properties, this.environment, true);
		}

	}

	/**
	 * Who the application runs as: the caller's own user, or {@code nobody} when the
	 * caller runs as root (file permissions do not stop root).
	 *
	 * @param uid the user id, or -1 for the caller's own
	 * @param gid the group id, or -1 for the caller's own
	 */
	public record RunAs(int uid, int gid) {

		/** This process's own user. */
		public static final RunAs CURRENT = new RunAs(-1, -1);

		/** {@code nobody} when this process is root, else this process's own user. */
		public static RunAs unprivileged() {
			return "root".equals(System.getProperty("user.name")) ? new RunAs(65534, 65534) : CURRENT;
		}

		public List<String> prefix() {
			return (this.uid < 0) ? List.of()
					: List.of("setpriv", "--reuid=" + this.uid, "--regid=" + this.gid, "--clear-groups", "--");
		}

		/** Gives {@code path} to the user, when it is another one. */
		public void own(Path path) {
			if (this.uid < 0) {
				return;
			}
			try {
				Files.setAttribute(path, "unix:uid", this.uid);
				Files.setAttribute(path, "unix:gid", this.gid);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot give " + path + " to uid " + this.uid, ex);
			}
		}

	}

}
