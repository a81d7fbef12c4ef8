package io.github.downloadhealthcheck.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.harness.prometheus.PrometheusServer;
import io.github.downloadhealthcheck.harness.prometheus.PrometheusServer.Sample;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see of the sample application behind a real nginx: a real Prometheus
 * scraping it, the metric names the dashboard and alert rules rely on, Kubernetes probe
 * groups, and the checks' own HTTP calls kept out of {@code http.client.requests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Path DASHBOARD = PrometheusServer.SAMPLE_APP
		.resolve("grafana/download-healthcheck-dashboard.json");

	@TempDir
	static Path temp;

	@AutoClose
	private AppBehindProxy fixture;

	private RunningSampleApp app;

	@BeforeAll
	void startApplicationAndNginx() throws Exception {
		// As root, nginx's workers run as nobody: the folders on the way must be
		// searchable.
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path storage = Files.createDirectories(temp.resolve("storage"));
		this.fixture = AppBehindProxy.start(ProxyKind.NGINX, storage, Files.createDirectories(temp.resolve("nginx")),
				(proxyPort) -> appProperties(storage, false, proxyPort));
		this.app = this.fixture.app();
	}

	private static Map<String, String> appProperties(Path storage, boolean observeHttpClient, int proxyPort) {
		Map<String, String> properties = AppBehindProxy.handOffProperties(storage, "/internal-storage");
		properties.putAll(AppBehindProxy.checkProperties(proxyPort, INTERVAL, INTERVAL));
		properties.put("download.healthcheck.observe-http-client", Boolean.toString(observeHttpClient));
		// Groups of single layers: the per-pod layers, as k8s/deployment-shared-
		// ingress.yaml's readiness uses them, and the proxy alone.
		properties.put("management.endpoint.health.group.pod-layers.include", "download/storage,download/backend");
		properties.put("management.endpoint.health.group.proxy-only.include", "download/proxy");
		return properties;
	}

	@AfterEach
	void restoreNginx() throws Exception {
		this.fixture.restoreIfBroken();
	}

	@Test
	void realPrometheusSeesEveryLayerUpThenProxyAndEndToEndFallToZeroWhenNginxStops() throws Exception {
		try (PrometheusServer prometheus = PrometheusServer.start(temp.resolve("prometheus"), this.app.port(),
				Duration.ofSeconds(1))) {
			List<Sample> up = prometheus.awaitQuery("download_healthcheck_status",
					(result) -> result.size() == Layer.values().length
							&& result.stream().allMatch((sample) -> sample.value() == 1.0),
					WAIT);
			assertThat(up).extracting((sample) -> sample.label("layer"))
				.containsExactlyInAnyOrder("storage", "backend", "proxy", "end-to-end");
			assertThat(up)
				.allSatisfy((sample) -> assertThat(sample.label("job")).isEqualTo("download-healthcheck-sample"));
			assertThat(prometheus.query("download_healthcheck_refresh_seconds_count")).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isPositive());

			this.fixture.proxy().stop();
			List<Sample> broken = prometheus.awaitQuery("download_healthcheck_status",
					(result) -> byLayer(result).getOrDefault("proxy", 1.0) == 0.0
							&& byLayer(result).getOrDefault("end-to-end", 1.0) == 0.0,
					WAIT);
			assertThat(byLayer(broken)).containsExactlyInAnyOrderEntriesOf(
					Map.of("storage", 1.0, "backend", 1.0, "proxy", 0.0, "end-to-end", 0.0));
		}
	}

	@Test
	void readinessTurns503WhenTheHandOffBreaksWhileLivenessAndSingleLayerGroupsStay200() throws Exception {
		this.app.snapshotAfter(() -> {
		});
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		assertThat(status("/actuator/health/pod-layers")).isEqualTo(200);

		this.fixture.restart(this.fixture.intact()
			.transform((text) -> text.replaceAll("(?s)location /internal-storage/ \\{.*?\\n        \\}", "")));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(snapshot.results().get(Layer.END_TO_END).isDown()).isTrue();
		assertThat(snapshot.results().get(Layer.PROXY).isUp()).isTrue();
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(this.app.get("/actuator/health/readiness").body()).contains("\"download\"");
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(this.app.get("/actuator/health/liveness").body()).doesNotContain("download");
		assertThat(status("/actuator/health/pod-layers")).isEqualTo(200);
		assertThat(status("/actuator/health/proxy-only")).isEqualTo(200);
	}

	@Test
	void singleLayerGroupFollowsItsLayerWhenNginxStops() throws Exception {
		this.app.snapshotAfter(() -> this.fixture.proxy().stop());
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("/actuator/health/pod-layers")).isEqualTo(200);
		assertThat(status("/actuator/health/proxy-only")).isEqualTo(503);
	}

	@Test
	void dashboardAndAlertRulesNameOnlyMetricsTheRunningAppExports() throws Exception {
		this.app.snapshotAfter(() -> {
		});
		Set<String> exported = exportedMetricNames(this.app.get("/actuator/prometheus").body());
		assertThat(exported).contains("download_healthcheck_status", "download_healthcheck_duration_seconds_count",
				"download_healthcheck_duration_seconds_sum", "download_healthcheck_duration_seconds_max",
				"download_healthcheck_last_success_seconds", "download_healthcheck_snapshot_age_seconds",
				"download_healthcheck_refresh_seconds_count", "download_healthcheck_refresh_seconds_sum",
				"download_healthcheck_refresh_seconds_max", "download_healthcheck_finding");
		Set<String> dashboard = PrometheusServer
			.downloadHealthcheckMetricNames(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
		assertThat(dashboard).isNotEmpty();
		assertThat(exported).as("metrics the dashboard queries").containsAll(dashboard);
		Set<String> rules = PrometheusServer
			.downloadHealthcheckMetricNames(Files.readString(PrometheusServer.RULES_FILE, StandardCharsets.UTF_8));
		assertThat(rules).isNotEmpty();
		assertThat(exported).as("metrics the alert rules use").containsAll(rules);
	}

	@Test
	void checksStayOutOfHttpClientRequestsUnlessObserveHttpClientIsTrue() throws Exception {
		// The sample application makes no HTTP call of its own: every client series would
		// be the checks'.
		this.app.snapshotAfter(() -> {
		});
		assertThat(httpClientSeries(this.app.get("/actuator/prometheus").body())).isEmpty();

		Path storage = Files.createDirectories(temp.resolve("observed-storage"));
		try (RunningSampleApp observed = RunningSampleApp
			.start(appProperties(storage, true, this.fixture.proxyPort()))) {
			observed.snapshotAfter(() -> {
			});
			List<String> series = httpClientSeries(observed.get("/actuator/prometheus").body());
			assertThat(series).isNotEmpty()
				.allSatisfy((line) -> assertThat(line).contains("client_name=\"127.0.0.1\""));
			double calls = series.stream()
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			// backend, proxy and end-to-end: three calls per refresh.
			assertThat(calls).isGreaterThanOrEqualTo(3);
		}
	}

	private static List<String> httpClientSeries(String scrape) {
		return scrape.lines().filter((line) -> line.startsWith("http_client_requests_seconds_count{")).toList();
	}

	private static Set<String> exportedMetricNames(String scrape) {
		return scrape.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static Map<String, Double> byLayer(List<Sample> samples) {
		Map<String, Double> values = new TreeMap<>();
		samples.forEach((sample) -> values.put(sample.label("layer"), sample.value()));
		return values;
	}

	private int status(String path) throws Exception {
		return this.app.get(path).statusCode();
	}

}
