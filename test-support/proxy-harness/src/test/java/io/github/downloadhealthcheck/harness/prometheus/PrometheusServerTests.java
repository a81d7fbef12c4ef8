package io.github.downloadhealthcheck.harness.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.downloadhealthcheck.harness.prometheus.PrometheusServer.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves {@link PrometheusServer} against the real {@code /usr/bin/prometheus}, with a
 * JDK {@link HttpServer} standing in for the app. JDK + JUnit Jupiter + AssertJ only.
 */
class PrometheusServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String EXPOSITION = """
			# HELP download_healthcheck_status 1 = UP, 0 = DOWN
			# TYPE download_healthcheck_status gauge
			download_healthcheck_status{layer="storage"} 1.0
			download_healthcheck_status{layer="backend"} 1.0
			download_healthcheck_status{layer="proxy"} %s
			download_healthcheck_status{layer="end-to-end"} 0.0
			# HELP download_healthcheck_snapshot_age_seconds age of the served snapshot
			# TYPE download_healthcheck_snapshot_age_seconds gauge
			download_healthcheck_snapshot_age_seconds 3.0
			""";

	@TempDir
	Path workDir;

	@Test
	void scrapesTheAppQueriesValuesAndLoadsTheAlertRules() throws Exception {
		AtomicReference<String> body = new AtomicReference<>(EXPOSITION.formatted("1.0"));
		AtomicInteger scrapes = new AtomicInteger();
		HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		app.createContext("/actuator/prometheus", (exchange) -> {
			byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
			scrapes.incrementAndGet();
		});
		app.start();
		int appPort = app.getAddress().getPort();
		PrometheusServer prometheus = PrometheusServer.start(this.workDir, appPort, Duration.ofSeconds(1));
		long pid = prometheus.pid();
		try {
			assertThat(prometheus.isAlive()).isTrue();
			assertThat(Files.readString(this.workDir.resolve("prometheus.yml"))).contains("127.0.0.1:" + appPort)
				.doesNotContain("@");

			List<Sample> proxy = prometheus.awaitQuery("download_healthcheck_status{layer=\"proxy\"}",
					(result) -> !result.isEmpty(), TIMEOUT);
			assertThat(proxy).singleElement().satisfies((sample) -> {
				assertThat(sample.value()).isEqualTo(1.0);
				assertThat(sample.labels()).containsEntry("__name__", "download_healthcheck_status")
					.containsEntry("layer", "proxy")
					.containsEntry("job", "download-healthcheck-sample")
					.containsEntry("instance", "127.0.0.1:" + appPort);
			});
			assertThat(prometheus.query("download_healthcheck_status == 0"))
				.extracting((sample) -> sample.label("layer"))
				.containsExactly("end-to-end");
			assertThat(prometheus.query("up{job=\"download-healthcheck-sample\"}")).singleElement()
				.extracting(Sample::value)
				.isEqualTo(1.0);

			// later scrapes are seen too
			body.set(EXPOSITION.formatted("0.0"));
			prometheus.awaitQuery("download_healthcheck_status{layer=\"proxy\"} == 0", (result) -> result.size() == 1,
					TIMEOUT);

			// the real alert rules are loaded: end-to-end = 0 makes its alert pending at
			// once
			List<Sample> alerts = prometheus.awaitQuery("ALERTS{alertname=\"DownloadHealthcheckEndToEndDown\"}",
					(result) -> !result.isEmpty(), TIMEOUT);
			assertThat(alerts).singleElement().satisfies((alert) -> {
				assertThat(alert.labels()).containsEntry("alertstate", "pending")
					.containsEntry("severity", "critical")
					.containsEntry("layer", "end-to-end");
				assertThat(alert.value()).isEqualTo(1.0);
			});
			assertThat(scrapes.get()).isGreaterThanOrEqualTo(2);

			assertThatThrownBy(() -> prometheus.awaitQuery("download_healthcheck_status{layer=\"nope\"}",
					(result) -> !result.isEmpty(), Duration.ofMillis(600)))
				.isInstanceOf(AssertionError.class)
				.hasMessageContaining("layer=\"nope\"")
				.hasMessageContaining("last result: []");
			assertThatIllegalStateException().isThrownBy(() -> prometheus.query("sum(("))
				.withMessageContaining("bad_data");
		}
		finally {
			prometheus.close();
			app.stop(0);
		}
		assertThat(prometheus.isAlive()).isFalse();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
		assertThatThrownBy(() -> prometheus.queryJson("up")).isInstanceOf(IOException.class);
		assertThat(prometheus.log()).contains("Server is ready to receive web requests");
		prometheus.close(); // idempotent
	}

	@Test
	void prometheusIsInstalledOrTheTestsFailWithTheInstallCommand() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PrometheusServer.requireBinary(Path.of("/nonexistent/bin/prometheus")))
			.withMessageContaining("/nonexistent/bin/prometheus")
			.withMessageContaining(
					"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus");
		PrometheusServer.requireBinary(PrometheusServer.PROMETHEUS_BINARY);
	}

	@Test
	void rendersTheTemplateByPlainReplacement() throws IOException {
		String template = Files.readString(PrometheusServer.CONFIG_TEMPLATE);
		assertThat(template).contains("@APP_PORT@", "@SCRAPE_INTERVAL@", "@RULES_FILE@");
		String rendered = PrometheusServer.renderConfig(template, 18080, Duration.ofSeconds(1),
				Path.of("/abs/rules.yml"));
		assertThat(rendered).contains("job_name: download-healthcheck-sample")
			.contains("metrics_path: /actuator/prometheus")
			.contains("\"127.0.0.1:18080\"")
			.contains("scrape_interval: 1s")
			.contains("\"/abs/rules.yml\"")
			.doesNotContain("@");
		assertThatIllegalStateException()
			.isThrownBy(() -> PrometheusServer.renderConfig("x: @OTHER@", 1, Duration.ofSeconds(1), Path.of("r")))
			.withMessageContaining("@OTHER@");
	}

	@Test
	void formatsPrometheusDurations() {
		assertThat(PrometheusServer.promDuration(Duration.ofSeconds(1))).isEqualTo("1s");
		assertThat(PrometheusServer.promDuration(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(PrometheusServer.promDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusServer.promDuration(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusServer.promDuration(Duration.ofNanos(10)));
	}

	@Test
	void parsesVectorAnswers() {
		String json = """
				{"status":"success","data":{"resultType":"vector","result":[
				  {"metric":{"__name__":"download_healthcheck_status","layer":"proxy","path":"a\\"b\\\\c\\u00e9\\n"},
				   "value":[1700000000.123,"1"]},
				  {"metric":{"layer":"storage"},"value":[1700000000.123,"0.25"]},
				  {"metric":{},"value":[1700000000,"NaN"]},
				  {"metric":{"le":"+Inf"},"value":[1700000000,"+Inf"]},
				  {"metric":{},"value":[1700000000,"-Inf"]},
				  {"metric":{},"value":[1700000000,"-1.5e-3"]}
				]},"warnings":["w"],"extra":{"n":null,"t":true,"f":false,"x":-12.5E+2}}
				""";
		List<Sample> samples = PrometheusServer.parseVector(json);
		assertThat(samples).hasSize(6);
		assertThat(samples.get(0).labels()).containsExactly(Map.entry("__name__", "download_healthcheck_status"),
				Map.entry("layer", "proxy"), Map.entry("path", "a\"b\\c\u00e9\n"));
		assertThat(samples.get(0).value()).isEqualTo(1.0);
		assertThat(samples.get(1).value()).isEqualTo(0.25);
		assertThat(samples.get(2).value()).isNaN();
		assertThat(samples.get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(samples.get(3).label("le")).isEqualTo("+Inf");
		assertThat(samples.get(4).value()).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(samples.get(5).value()).isEqualTo(-0.0015);
		assertThatThrownBy(() -> samples.get(0).labels().put("x", "y"))
			.isInstanceOf(UnsupportedOperationException.class);

		assertThat(PrometheusServer
			.parseVector("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")).isEmpty();
		assertThat(PrometheusServer.parseVector(
				"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"42\"]}}"))
			.containsExactly(new Sample(Map.of(), 42.0));
	}

	@Test
	void rejectsErrorsOtherResultTypesAndBrokenJson() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PrometheusServer
				.parseVector("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}"))
			.withMessageContaining("bad_data")
			.withMessageContaining("parse error at char 3");
		assertThatIllegalStateException()
			.isThrownBy(() -> PrometheusServer
				.parseVector("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
			.withMessageContaining("matrix");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusServer.parseVector(
				"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"x\"]}]}}"))
			.withMessageContaining("Not a sample value: x");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusServer.parseVector("{\"status\":\"success\""))
			.withMessageContaining("end of input");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusServer.parseVector("{} x"))
			.withMessageContaining("Trailing");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusServer.parseVector("[1,2]"))
			.withMessageContaining("Not a Prometheus API answer");
	}

}
