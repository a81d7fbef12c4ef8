package io.github.downloadhealthcheck.harness.prometheus;

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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support: a real Prometheus ({@code /usr/bin/prometheus}) scraping the sample app
 * and evaluating {@code download-healthcheck-alerts.yml}.
 * <p>
 * The configuration is rendered from the sample application's
 * {@code src/main/prometheus/prometheus.yml.template}, read from the file system (that
 * folder is not on the classpath; see {@link #SAMPLE_APP}). Prometheus runs in the
 * foreground as a child process, its output goes to {@code <workDir>/prometheus.log}.
 * <p>
 * Answers of the HTTP API are returned raw ({@link #queryJson(String)}) or parsed with
 * Jackson into {@link Sample}s ({@link #query(String)}).
 */
public final class PrometheusServer implements AutoCloseable {

	/**
	 * Shown when Prometheus is not installed: these tests fail, they are never skipped.
	 */
	public static final String INSTALL_COMMAND = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus";

	public static final Path PROMETHEUS_BINARY = Path.of("/usr/bin/prometheus");

	/**
	 * The sample application's folder: {@code sample-app.dir}, which the integration
	 * tests' build sets, or {@code ../../sample-app} from a module of test-support.
	 */
	public static final Path SAMPLE_APP = Path.of(System.getProperty("sample-app.dir", "../../sample-app"));

	public static final Path CONFIG_TEMPLATE = SAMPLE_APP.resolve("src/main/prometheus/prometheus.yml.template");

	public static final Path RULES_FILE = SAMPLE_APP.resolve("src/main/prometheus/download-healthcheck-alerts.yml");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

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
					+ Path.of("").toAbsolutePath() + ": set sample-app.dir to the sample application's folder");
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
	public static String renderConfig(String template, int appPort, Duration scrapeInterval, Path rulesFile) {
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

		public @Nullable String label(String name) {
			return this.labels.get(name);
		}

	}

	/**
	 * Extracts the samples of a {@code /api/v1/query} answer. Accepts {@code resultType}
	 * vector and scalar; an error answer, a matrix or malformed JSON throws
	 * {@link IllegalStateException}.
	 */
	public static List<Sample> parseVector(String json) {
		JsonNode answer;
		try {
			answer = JSON.readTree(json);
		}
		catch (UnexpectedEndOfInputException ex) {
			throw new IllegalStateException("Unexpected end of input in JSON: " + json, ex);
		}
		catch (JacksonException ex) {
			// "{} x" is no answer either: told apart by reading the first value alone.
			String what = (firstValueReads(json)) ? "Trailing characters" : "Not JSON";
			throw new IllegalStateException(what + ": " + ex.getOriginalMessage() + " in " + json, ex);
		}
		if (!answer.isObject()) {
			throw new IllegalStateException("Not a Prometheus API answer: " + json);
		}
		if (!"success".equals(answer.path("status").asString(""))) {
			throw new IllegalStateException("Prometheus query failed: " + answer.path("errorType").asString("") + ": "
					+ answer.path("error").asString("") + " (" + json + ")");
		}
		JsonNode data = require(answer.path("data"), JsonNode::isObject, "an object", json);
		String resultType = data.path("resultType").asString("");
		JsonNode result = require(data.path("result"), JsonNode::isArray, "an array", json);
		if ("scalar".equals(resultType)) {
			return List.of(new Sample(Map.of(), sampleValue(result, json)));
		}
		if (!"vector".equals(resultType)) {
			throw new IllegalStateException("Expected an instant vector, got " + resultType + ": " + json);
		}
		List<Sample> samples = new ArrayList<>();
		for (JsonNode entry : result) {
			require(entry, JsonNode::isObject, "an object", json);
			Map<String, String> labels = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> label : require(entry.path("metric"), JsonNode::isObject, "an object",
					json)
				.properties()) {
				labels.put(label.getKey(), require(label.getValue(), JsonNode::isString, "a string", json).asString());
			}
			samples.add(new Sample(labels,
					sampleValue(require(entry.path("value"), JsonNode::isArray, "an array", json), json)));
		}
		return List.copyOf(samples);
	}

	private static boolean firstValueReads(String json) {
		try {
			JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(json);
			return true;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static double sampleValue(JsonNode pair, String json) {
		if (pair.size() != 2) {
			throw new IllegalStateException("Expected [timestamp, \"value\"], got " + pair + " in " + json);
		}
		String value = require(pair.get(1), JsonNode::isString, "a string", json).asString();
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

	private static JsonNode require(JsonNode node, Predicate<JsonNode> test, String expected, String json) {
		if (!test.test(node)) {
			throw new IllegalStateException("Expected " + expected + " but got " + node + " in " + json);
		}
		return node;
	}

}
