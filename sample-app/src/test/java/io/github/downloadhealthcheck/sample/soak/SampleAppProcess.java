package io.github.downloadhealthcheck.sample.soak;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The sample application as a process of its own, from its executable jar, so that its
 * threads, file descriptors, connections and heap are its own and SIGTERM is real. Run as
 * {@code nobody} when the soak runs as root: taking storage permissions away must affect
 * the application as it would in production, where it never runs as root.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR\\s.*");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleAppProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the application and waits until it is live.
	 * @param jar the sample application's executable jar
	 * @param workDir its working folder, which gets the log
	 * @param user who it runs as
	 * @param port its server port on 127.0.0.1
	 * @param properties its properties, as command line arguments
	 * @param environment more environment variables (secrets stay out of the command
	 * line)
	 * @return the running application
	 */
	static SampleAppProcess start(Path jar, Path workDir, RunAs user, int port, Map<String, String> properties,
			Map<String, String> environment) {
		try {
			Files.createDirectories(workDir);
			Path copy = workDir.resolve("app.jar");
			// The user may not read the build's folders: run a copy it can read.
			Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
			user.own(workDir);
			user.own(copy);
			List<String> command = new ArrayList<>(user.prefix());
			command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
					"-jar", copy.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
					"--spring.main.banner-mode=off"));
			properties.forEach((name, value) -> command.add("--" + name + "=" + value));
			Path log = workDir.resolve("app.log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(new File("/dev/null"));
			builder.environment().putAll(environment);
			SampleAppProcess app = new SampleAppProcess(builder.start(), port, log);
			app.awaitLive();
			return app;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the sample application from " + jar, ex);
		}
	}

	private void awaitLive() {
		try {
			await("the sample application live on port " + this.port).atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !this.process.isAlive() || status("/actuator/health/liveness") == 200);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("the sample application was not live within " + START_TIMEOUT.toSeconds()
					+ " s; its log:\n" + tail(), ex);
		}
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					"the sample application exited with " + this.process.exitValue() + "; its log:\n" + tail());
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

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	ProcessResources resources() {
		return ProcessResources.of(pid(), this.port);
	}

	/**
	 * The heap in use right after two full collections ({@code jcmd GC.run}), as the
	 * application's own {@code jvm.memory.used} reports it: what the application keeps
	 * alive.
	 * @return bytes
	 */
	long heapAfterFullGc() {
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
	String threadDump() {
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
	OptionalInt terminate(Duration atMost) {
		this.process.destroy();
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

	/** The lines the application logged at ERROR, each with the line that follows it. */
	List<String> errorLines() {
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
	List<String> logLines() {
		try {
			return Files.exists(this.log) ? Files.readAllLines(this.log, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path log() {
		return this.log;
	}

	String tail() {
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
	 * Who the application runs as: the soak's own user, or {@code nobody} when the soak
	 * runs as root (file permissions do not stop root).
	 *
	 * @param uid the user id, or -1 for the soak's own
	 * @param gid the group id, or -1 for the soak's own
	 */
	record RunAs(int uid, int gid) {

		/** {@code nobody} when this process is root, else this process's own user. */
		static RunAs unprivileged() {
			return "root".equals(System.getProperty("user.name")) ? new RunAs(65534, 65534) : new RunAs(-1, -1);
		}

		List<String> prefix() {
			return (this.uid < 0) ? List.of()
					: List.of("setpriv", "--reuid=" + this.uid, "--regid=" + this.gid, "--clear-groups", "--");
		}

		/** Gives {@code path} to the user, when it is another one. */
		void own(Path path) {
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
