package io.github.downloadhealthcheck.sample.prometheus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Test support: a real Prometheus ({@code /usr/bin/prometheus}) scraping the sample app
 * and evaluating {@code download-healthcheck-alerts.yml}.
 * <p>
 * The configuration is rendered from {@code src/main/prometheus/prometheus.yml.template},
 * read from the file system relative to the working directory (Maven runs tests with the
 * module directory as working directory; that folder is not on the classpath). Prometheus
 * runs in the foreground as a child process, its output goes to
 * {@code <workDir>/prometheus.log}.
 * <p>
 * JDK only: answers of the HTTP API are returned raw ({@link #queryJson(String)}) or
 * parsed by a small built-in JSON reader into {@link Sample}s ({@link #query(String)}).
 */
public final class PrometheusServer implements AutoCloseable {

	/**
	 * Shown when Prometheus is not installed: these tests fail, they are never skipped.
	 */
	public static final String INSTALL_COMMAND = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus";

	public static final Path PROMETHEUS_BINARY = Path.of("/usr/bin/prometheus");

	public static final Path CONFIG_TEMPLATE = Path.of("src/main/prometheus/prometheus.yml.template");

	public static final Path RULES_FILE = Path.of("src/main/prometheus/download-healthcheck-alerts.yml");

	private static final Pattern METRIC_NAME = Pattern.compile("download_healthcheck_[a-zA-Z0-9_]*");

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final int START_ATTEMPTS = 3;

	private final Process process;

	private final int port;

	private final Path logFile;

	private final HttpClient http;

	private final Thread shutdownHook;

	private PrometheusServer(Process process, int port, Path logFile, HttpClient http) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
		this.http = http;
		this.shutdownHook = new Thread(() -> process.destroyForcibly(), "prometheus-server-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Renders the configuration into {@code workDir}, starts Prometheus with its TSDB in
	 * {@code <workDir>/data} on a free loopback port and waits (bounded) until
	 * {@code /-/ready}.
	 * @param workDir directory for the configuration, data and log (created if missing)
	 * @param appPort port of the app serving {@code /actuator/prometheus} on 127.0.0.1
	 * @param scrapeInterval scrape and rule evaluation interval, e.g. 1 s in tests
	 * @return the running server, to be closed by the caller
	 * @throws IllegalStateException if Prometheus is not installed or does not become
	 * ready
	 */
	public static PrometheusServer start(Path workDir, int appPort, Duration scrapeInterval)
			throws IOException, InterruptedException {
		requireBinary(PROMETHEUS_BINARY);
		if (!Files.isRegularFile(CONFIG_TEMPLATE) || !Files.isRegularFile(RULES_FILE)) {
			throw new IllegalStateException("Missing " + CONFIG_TEMPLATE + " or " + RULES_FILE + " under "
					+ Path.of("").toAbsolutePath() + ": run the tests from the sample-app module directory");
		}
		Files.createDirectories(workDir);
		Path config = workDir.resolve("prometheus.yml");
		String template = Files.readString(CONFIG_TEMPLATE, StandardCharsets.UTF_8);
		Files.writeString(config, renderConfig(template, appPort, scrapeInterval, RULES_FILE.toAbsolutePath()),
				StandardCharsets.UTF_8);
		Path logFile = workDir.resolve("prometheus.log");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		IllegalStateException failure = null;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			int port = freePort();
			Process process = new ProcessBuilder(PROMETHEUS_BINARY.toString(),
					"--config.file=" + config.toAbsolutePath(),
					"--storage.tsdb.path=" + workDir.resolve("data").toAbsolutePath(),
					"--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			PrometheusServer server = new PrometheusServer(process, port, logFile, http);
			try {
				server.awaitReady(READY_TIMEOUT);
				return server;
			}
			catch (IllegalStateException ex) {
				server.close();
				if (failure != null) {
					ex.addSuppressed(failure);
				}
				failure = ex;
				if (!server.log().contains("address already in use")) {
					break; // only a lost race for the free port is worth another attempt
				}
			}
		}
		throw failure;
	}

	/** Fails (never skips) with the install command when the binary is missing. */
	static void requireBinary(Path binary) {
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException(binary + " is missing; install it with: " + INSTALL_COMMAND);
		}
	}

	/**
	 * Plain string replacement of {@code @APP_PORT@}, {@code @SCRAPE_INTERVAL@},
	 * {@code @RULES_FILE@}.
	 */
	static String renderConfig(String template, int appPort, Duration scrapeInterval, Path rulesFile) {
		String rules = rulesFile.toString().replace("\\", "\\\\").replace("\"", "\\\"");
		String rendered = template.replace("@APP_PORT@", Integer.toString(appPort))
			.replace("@SCRAPE_INTERVAL@", promDuration(scrapeInterval))
			.replace("@RULES_FILE@", rules);
		if (rendered.matches("(?s).*@[A-Z_]+@.*")) {
			throw new IllegalStateException("Unreplaced placeholder in rendered Prometheus config:\n" + rendered);
		}
		return rendered;
	}

	/**
	 * Prometheus duration syntax: whole seconds as {@code 30s}, otherwise milliseconds.
	 */
	static String promDuration(Duration duration) {
		if (duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000 != 0) {
			throw new IllegalArgumentException("Need a positive whole number of milliseconds: " + duration);
		}
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path logFile() {
		return this.logFile;
	}

	/** Everything Prometheus printed so far (for assertion messages). */
	public String log() {
		try {
			return Files.exists(this.logFile) ? Files.readString(this.logFile, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "<cannot read " + this.logFile + ": " + ex + ">";
		}
	}

	/**
	 * Raw JSON answer of {@code GET /api/v1/query?query=<promql>} (instant query, now).
	 */
	public String queryJson(String promql) throws IOException, InterruptedException {
		URI uri = baseUri().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Query " + promql + " answered HTTP " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Instant query; the samples of the resulting vector (a scalar gives one label-less
	 * sample).
	 */
	public List<Sample> query(String promql) throws IOException, InterruptedException {
		return parseVector(queryJson(promql));
	}

	/**
	 * Polls {@link #query(String)} until {@code condition} accepts the result.
	 * @return the first accepted result
	 * @throws AssertionError after {@code timeout}, naming the query, last result and log
	 * tail
	 */
	public List<Sample> awaitQuery(String promql, Predicate<List<Sample>> condition, Duration timeout)
			throws InterruptedException {
		AtomicReference<Object> last = new AtomicReference<>("<no answer>");
		try {
			return Awaitility.await().atMost(timeout).pollInterval(POLL_INTERVAL).until(() -> {
				try {
					List<Sample> result = query(promql);
					last.set(result);
					return result;
				}
				catch (IOException | IllegalStateException ex) {
					last.set(ex);
					return null;
				}
			}, (result) -> result != null && condition.test(result));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Query " + promql + " did not reach the expected result within " + timeout
					+ "; last result: " + last.get() + "\nPrometheus log tail:\n" + tail(log(), 3000));
		}
	}

	/** Stops Prometheus by pid: TERM, bounded wait, then KILL. Idempotent. */
	@Override
	public void close() {
		ProcessHandle handle = this.process.toHandle();
		if (handle.isAlive()) {
			handle.destroy();
			try {
				if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					handle.destroyForcibly();
					this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				handle.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// JVM already shutting down: the hook runs anyway
		}
	}

	private void awaitReady(Duration timeout) throws InterruptedException {
		HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/-/ready"))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		AtomicReference<String> last = new AtomicReference<>("<no answer>");
		try {
			Awaitility.await()
				.atMost(timeout)
				.pollInterval(POLL_INTERVAL)
				.failFast(() -> !this.process.isAlive())
				.until(() -> {
					try {
						HttpResponse<String> response = this.http.send(ready, HttpResponse.BodyHandlers.ofString());
						last.set("HTTP " + response.statusCode() + " " + response.body());
						return response.statusCode() == 200;
					}
					catch (IOException ex) {
						last.set(ex.toString());
						return false;
					}
				});
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException("Prometheus exited with " + this.process.exitValue()
					+ " before it was ready; log " + this.logFile + ":\n" + tail(log(), 4000));
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("Prometheus on port " + this.port + " not ready within " + timeout
					+ " (last: " + last.get() + "); log " + this.logFile + ":\n" + tail(log(), 4000));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String tail(String text, int maxChars) {
		return (text.length() <= maxChars) ? text : "..." + text.substring(text.length() - maxChars);
	}

	// ---------------------------------------------------------------------------------------
	// Answers of the HTTP API

	/**
	 * Every {@code download_healthcheck_*} metric name a text (a dashboard, rules, a
	 * scrape) mentions.
	 * @param text the text
	 * @return the names, in order of first appearance
	 */
	public static Set<String> downloadHealthcheckMetricNames(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = METRIC_NAME.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/**
	 * One element of an instant vector: its labels (including {@code __name__} if kept)
	 * and value.
	 */
	public record Sample(Map<String, String> labels, double value) {

		public Sample {
			labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
		}

		public String label(String name) {
			return this.labels.get(name);
		}

	}

	/**
	 * Extracts the samples of a {@code /api/v1/query} answer. Accepts {@code resultType}
	 * vector and scalar; an error answer, a matrix or malformed JSON throws
	 * {@link IllegalStateException}.
	 */
	@SuppressWarnings("unchecked")
	public static List<Sample> parseVector(String json) {
		Object root = new JsonReader(json).readDocument();
		if (!(root instanceof Map<?, ?> answer)) {
			throw new IllegalStateException("Not a Prometheus API answer: " + json);
		}
		if (!"success".equals(answer.get("status"))) {
			throw new IllegalStateException("Prometheus query failed: " + answer.get("errorType") + ": "
					+ answer.get("error") + " (" + json + ")");
		}
		Map<String, Object> data = (Map<String, Object>) requireType(answer.get("data"), Map.class, json);
		Object resultType = data.get("resultType");
		if ("scalar".equals(resultType)) {
			List<Object> pair = (List<Object>) requireType(data.get("result"), List.class, json);
			return List.of(new Sample(Map.of(), sampleValue(pair, json)));
		}
		if (!"vector".equals(resultType)) {
			throw new IllegalStateException("Expected an instant vector, got " + resultType + ": " + json);
		}
		List<Sample> samples = new ArrayList<>();
		for (Object element : (List<Object>) requireType(data.get("result"), List.class, json)) {
			Map<String, Object> entry = (Map<String, Object>) requireType(element, Map.class, json);
			Map<String, String> labels = new LinkedHashMap<>();
			((Map<String, Object>) requireType(entry.get("metric"), Map.class, json))
				.forEach((name, value) -> labels.put(name, requireType(value, String.class, json)));
			samples.add(new Sample(labels,
					sampleValue((List<Object>) requireType(entry.get("value"), List.class, json), json)));
		}
		return List.copyOf(samples);
	}

	private static double sampleValue(List<Object> pair, String json) {
		if (pair.size() != 2) {
			throw new IllegalStateException("Expected [timestamp, \"value\"], got " + pair + " in " + json);
		}
		String value = requireType(pair.get(1), String.class, json);
		switch (value) {
			case "+Inf":
			case "Inf":
				return Double.POSITIVE_INFINITY;
			case "-Inf":
				return Double.NEGATIVE_INFINITY;
			case "NaN":
				return Double.NaN;
			default:
				try {
					return Double.parseDouble(value);
				}
				catch (NumberFormatException ex) {
					throw new IllegalStateException("Not a sample value: " + value + " in " + json, ex);
				}
		}
	}

	private static <T> T requireType(Object value, Class<T> type, String json) {
		if (!type.isInstance(value)) {
			throw new IllegalStateException("Expected " + type.getSimpleName() + " but got " + value + " in " + json);
		}
		return type.cast(value);
	}

	/**
	 * Just enough JSON: objects (as LinkedHashMap), arrays, strings, numbers (Double),
	 * booleans, null.
	 */
	static final class JsonReader {

		private final String text;

		private int pos;

		JsonReader(String text) {
			this.text = Objects.requireNonNull(text, "json");
		}

		Object readDocument() {
			Object value = readValue();
			skipWhitespace();
			if (this.pos != this.text.length()) {
				throw error("Trailing characters");
			}
			return value;
		}

		private Object readValue() {
			skipWhitespace();
			if (this.pos >= this.text.length()) {
				throw error("Unexpected end of input");
			}
			char c = this.text.charAt(this.pos);
			switch (c) {
				case '{':
					return readObject();
				case '[':
					return readArray();
				case '"':
					return readString();
				case 't':
					return readLiteral("true", Boolean.TRUE);
				case 'f':
					return readLiteral("false", Boolean.FALSE);
				case 'n':
					return readLiteral("null", null);
				default:
					if (c == '-' || (c >= '0' && c <= '9')) {
						return readNumber();
					}
					throw error("Unexpected character '" + c + "'");
			}
		}

		private Map<String, Object> readObject() {
			Map<String, Object> object = new LinkedHashMap<>();
			this.pos++; // {
			skipWhitespace();
			if (peek() == '}') {
				this.pos++;
				return object;
			}
			while (true) {
				skipWhitespace();
				if (peek() != '"') {
					throw error("Expected a member name");
				}
				String name = readString();
				skipWhitespace();
				expect(':');
				object.put(name, readValue());
				skipWhitespace();
				char c = next();
				if (c == '}') {
					return object;
				}
				if (c != ',') {
					throw error("Expected ',' or '}'");
				}
			}
		}

		private List<Object> readArray() {
			List<Object> array = new ArrayList<>();
			this.pos++; // [
			skipWhitespace();
			if (peek() == ']') {
				this.pos++;
				return array;
			}
			while (true) {
				array.add(readValue());
				skipWhitespace();
				char c = next();
				if (c == ']') {
					return array;
				}
				if (c != ',') {
					throw error("Expected ',' or ']'");
				}
			}
		}

		private String readString() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (true) {
				char c = next();
				if (c == '"') {
					return out.toString();
				}
				if (c < 0x20) {
					throw error("Control character in string");
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char escape = next();
				switch (escape) {
					case '"', '\\', '/' -> out.append(escape);
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						if (this.pos + 4 > this.text.length()) {
							throw error("Truncated \\u escape");
						}
						try {
							out.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
						}
						catch (NumberFormatException ex) {
							throw error("Bad \\u escape");
						}
						this.pos += 4;
					}
					default -> throw error("Bad escape \\" + escape);
				}
			}
		}

		private Double readNumber() {
			int start = this.pos;
			while (this.pos < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.pos)) >= 0) {
				this.pos++;
			}
			try {
				return Double.valueOf(this.text.substring(start, this.pos));
			}
			catch (NumberFormatException ex) {
				this.pos = start;
				throw error("Bad number");
			}
		}

		private Object readLiteral(String literal, Object value) {
			if (!this.text.startsWith(literal, this.pos)) {
				throw error("Unexpected literal");
			}
			this.pos += literal.length();
			return value;
		}

		private void skipWhitespace() {
			while (this.pos < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.pos)) >= 0) {
				this.pos++;
			}
		}

		private char peek() {
			if (this.pos >= this.text.length()) {
				throw error("Unexpected end of input");
			}
			return this.text.charAt(this.pos);
		}

		private char next() {
			char c = peek();
			this.pos++;
			return c;
		}

		private void expect(char expected) {
			if (next() != expected) {
				this.pos--;
				throw error("Expected '" + expected + "'");
			}
		}

		private IllegalStateException error(String message) {
			return new IllegalStateException(message + " at offset " + this.pos + " in JSON: " + this.text);
		}

	}

}
