package io.github.downloadhealthcheck.it.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.github.downloadhealthcheck.harness.prometheus.PrometheusServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Validates the Prometheus alert rules with the real {@code promtool} (syntax and unit
 * tests), the rendered Prometheus configuration, and the Grafana dashboard's queries
 * against the metric contract. Reads the sample application's files from
 * {@code sample-app.dir}. JDK + JUnit Jupiter + AssertJ only.
 */
class PromtoolRulesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	static final Path RULES_TESTS = PrometheusServer.SAMPLE_APP
		.resolve("src/main/prometheus/download-healthcheck-alerts.test.yml");

	static final Path DASHBOARD = PrometheusServer.SAMPLE_APP.resolve("grafana/download-healthcheck-dashboard.json");

	/**
	 * Every metric name the app exports (Micrometer -> /actuator/prometheus); that the
	 * running app really exports them is proven by ObservabilityIntegrationTests.
	 */
	static final Set<String> CONTRACT_METRICS = Set.of("download_healthcheck_status",
			"download_healthcheck_duration_seconds_count", "download_healthcheck_duration_seconds_sum",
			"download_healthcheck_duration_seconds_max", "download_healthcheck_last_success_seconds",
			"download_healthcheck_snapshot_age_seconds", "download_healthcheck_refresh_seconds_count",
			"download_healthcheck_refresh_seconds_sum", "download_healthcheck_refresh_seconds_max",
			"download_healthcheck_finding");

	/** The five metric families; every dashboard query must use at least one. */
	static final List<String> CONTRACT_FAMILIES = List.of("download_healthcheck_status",
			"download_healthcheck_duration_seconds", "download_healthcheck_last_success_seconds",
			"download_healthcheck_snapshot_age_seconds", "download_healthcheck_refresh_seconds");

	@TempDir
	Path tempDir;

	@Test
	void alertRulesPassPromtoolCheck() throws Exception {
		Result result = promtool("check", "rules", PrometheusServer.RULES_FILE.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS").contains("5 rules found");
	}

	@Test
	void alertRuleUnitTestsPass() throws Exception {
		Result result = promtool("test", "rules", RULES_TESTS.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void failingRuleUnitTestIsDetected() throws Exception {
		// Guards the two tests above: a wrong expectation must give a non-zero exit and
		// FAILED.
		Path tests = this.tempDir.resolve("wrong.test.yml");
		Files.writeString(tests, """
				rule_files:
				  - "%s"
				evaluation_interval: 30s
				tests:
				  - interval: 30s
				    input_series:
				      - series: 'download_healthcheck_status{layer="end-to-end",instance="a",job="j"}'
				        values: '1x10'
				    alert_rule_test:
				      - eval_time: 5m
				        alertname: DownloadHealthcheckEndToEndDown
				        exp_alerts:
				          - exp_labels:
				              severity: critical
				""".formatted(PrometheusServer.RULES_FILE.toAbsolutePath()), StandardCharsets.UTF_8);
		Result result = promtool("test", "rules", tests.toString());
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("FAILED").contains("DownloadHealthcheckEndToEndDown");
	}

	@Test
	void renderedPrometheusConfigPassesPromtoolCheck() throws Exception {
		String template = Files.readString(PrometheusServer.CONFIG_TEMPLATE, StandardCharsets.UTF_8);
		Path config = this.tempDir.resolve("prometheus.yml");
		Files.writeString(config, PrometheusServer.renderConfig(template, 8080, Duration.ofSeconds(1),
				PrometheusServer.RULES_FILE.toAbsolutePath()), StandardCharsets.UTF_8);
		Result result = promtool("check", "config", config.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS").contains("1 rule files found").contains("5 rules found");
	}

	@Test
	void missingPromtoolFailsWithTheInstallCommand() {
		assertThatIllegalStateException().isThrownBy(() -> requirePromtool(Path.of("/nonexistent/promtool")))
			.withMessageContaining(PrometheusServer.INSTALL_COMMAND);
	}

	@Test
	void dashboardParsesAndQueriesOnlyContractMetrics() throws IOException {
		String json = Files.readString(DASHBOARD, StandardCharsets.UTF_8);
		Map<String, Object> dashboard = asMap(JSON.readValue(json, Map.class));
		assertThat(((Number) dashboard.get("schemaVersion")).doubleValue()).isBetween(36.0, 41.0);
		assertThat(asList(dashboard.get("__inputs")))
			.anySatisfy((input) -> assertThat(asMap(input)).containsEntry("name", "DS_PROMETHEUS")
				.containsEntry("pluginId", "prometheus"));

		List<String> exprs = dashboardExprs(dashboard);
		assertThat(exprs).hasSizeGreaterThanOrEqualTo(6);
		for (String expr : exprs) {
			assertThat(CONTRACT_FAMILIES).as("metric family in %s", expr).anyMatch(expr::contains);
			assertThat(PrometheusServer.downloadHealthcheckMetricNames(expr)).as("metrics in %s", expr)
				.isNotEmpty()
				.isSubsetOf(CONTRACT_METRICS);
			assertThat(expr).as("must not depend on the optional application tag").doesNotContain("application");
		}
		// Each family is shown somewhere: status, mean (sum/count) and max durations,
		// last success, snapshot age
		assertThat(String.join("\n", exprs)).contains("download_healthcheck_status",
				"download_healthcheck_duration_seconds_sum", "download_healthcheck_duration_seconds_count",
				"download_healthcheck_duration_seconds_max", "time() - (download_healthcheck_last_success_seconds",
				"download_healthcheck_snapshot_age_seconds", "download_healthcheck_refresh_seconds_max",
				"download_healthcheck_refresh_seconds_sum");
		// Anywhere in the file (variables, descriptions): no metric outside the contract
		assertThat(PrometheusServer.downloadHealthcheckMetricNames(json)).isSubsetOf(CONTRACT_METRICS);
		// Every datasource reference is the import input
		Matcher uids = Pattern.compile("\"uid\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		List<String> datasourceUids = new ArrayList<>();
		while (uids.find()) {
			datasourceUids.add(uids.group(1));
		}
		assertThat(datasourceUids).contains("${DS_PROMETHEUS}")
			.allMatch((uid) -> uid.equals("${DS_PROMETHEUS}") || uid.equals("-- Grafana --")
					|| uid.equals("download-healthcheck"));
	}

	@Test
	void dashboardQueriesAreAcceptedByARealPrometheus() throws Exception {
		List<String> exprs = dashboardExprs(
				asMap(JSON.readValue(Files.readString(DASHBOARD, StandardCharsets.UTF_8), Map.class)));
		// Nothing listens on the app port: only the PromQL parser and engine are
		// exercised.
		try (PrometheusServer prometheus = PrometheusServer.start(this.tempDir, 9, Duration.ofSeconds(1))) {
			for (String expr : exprs) {
				String promql = expr.replace("$__rate_interval", "1m").replace("$job", ".*").replace("$instance", ".*");
				try {
					prometheus.query(promql);
				}
				catch (IllegalStateException ex) {
					fail("Dashboard query rejected by Prometheus: " + promql, ex);
				}
			}
		}
	}

	// ---------------------------------------------------------------------------------------

	record Result(int exitCode, String output) {
	}

	static void requirePromtool(Path promtool) {
		if (!Files.isExecutable(promtool)) {
			throw new IllegalStateException(
					promtool + " is missing; install it with: " + PrometheusServer.INSTALL_COMMAND);
		}
	}

	private Result promtool(String... args) throws IOException, InterruptedException {
		requirePromtool(PROMTOOL);
		List<String> command = new ArrayList<>();
		command.add(PROMTOOL.toString());
		command.addAll(List.of(args));
		Path output = this.tempDir.resolve("promtool-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail(command + " did not finish within 60 s");
		}
		return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private static List<String> dashboardExprs(Map<String, Object> dashboard) {
		List<String> exprs = new ArrayList<>();
		for (Object panel : asList(dashboard.get("panels"))) {
			Object targets = asMap(panel).get("targets");
			if (targets != null) {
				for (Object target : asList(targets)) {
					Object expr = asMap(target).get("expr");
					assertThat(expr).as("expr of a target in panel %s", asMap(panel).get("title"))
						.isInstanceOf(String.class);
					exprs.add((String) expr);
				}
			}
		}
		return exprs;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> asList(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

}
