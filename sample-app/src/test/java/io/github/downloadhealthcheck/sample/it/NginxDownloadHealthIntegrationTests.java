package io.github.downloadhealthcheck.sample.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.sample.proxy.FreePorts;
import io.github.downloadhealthcheck.sample.proxy.ProxyConfig;
import io.github.downloadhealthcheck.sample.proxy.ProxyKind;
import io.github.downloadhealthcheck.sample.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static io.github.downloadhealthcheck.sample.it.Snapshots.describe;
import static io.github.downloadhealthcheck.sample.it.Snapshots.downLayers;
import static io.github.downloadhealthcheck.sample.it.Snapshots.suspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application behind a real nginx: all four layers up, then one layer broken at a
 * time, asserting exactly which components go down and what the diagnosis says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxDownloadHealthIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	@TempDir
	static Path temp;

	private Path storage;

	private int proxyPort;

	private RunningSampleApp app;

	private ProxyConfig proxyConfig;

	private ReverseProxyServer proxy;

	@BeforeAll
	void startApplicationAndNginx() throws Exception {
		// As root, nginx's workers run as nobody: the folders on the way must be searchable.
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.storage = Files.createDirectories(temp.resolve("storage"));
		Files.writeString(this.storage.resolve("hello.txt"), "hello through nginx\n");
		this.proxyPort = FreePorts.next();
		this.app = RunningSampleApp.start(appProperties(this.storage, true));
		this.proxyConfig = ProxyConfig.render(ProxyKind.NGINX, new ProxyConfig.Values(this.proxyPort, this.app.port(),
				this.storage, Files.createDirectories(temp.resolve("nginx"))));
		this.proxy = this.proxyConfig.start();
	}

	private Map<String, String> appProperties(Path storageRoot, boolean withRule) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("sample.storage.root", storageRoot.toString());
		if (withRule) {
			properties.put("download.sendfile.rules[0].source", storageRoot.toString());
			properties.put("download.sendfile.rules[0].destination", "/internal-storage");
		}
		else {
			properties.put("download.healthcheck.storage.root", storageRoot.toString());
		}
		properties.put("download.healthcheck.interval", INTERVAL.toMillis() + "ms");
		properties.put("download.healthcheck.timeout", TIMEOUT.toMillis() + "ms");
		properties.put("download.healthcheck.proxy.url",
				"http://127.0.0.1:" + this.proxyPort + "/healthcheck-utils/dummy-file");
		properties.put("download.healthcheck.end-to-end.url",
				"http://127.0.0.1:" + this.proxyPort + "/healthcheck-utils/download/");
		return properties;
	}

	@AfterEach
	void restoreNginx() {
		if (!this.proxy.isAlive() || !this.proxy.configFile().toFile().exists()) {
			this.proxy.close();
			this.proxy = this.proxyConfig.start();
		}
	}

	@AfterAll
	void stopAll() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void allFourLayersUpThroughNginx() throws Exception {
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).isEmpty();
		JsonNode health = this.app.downloadHealth();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactlyInAnyOrder("storage", "backend", "proxy",
				"end-to-end");
		JsonNode backend = health.get("components").get("backend").get("details");
		assertThat(backend.get("seen").get("X-Accel-Redirect").asString())
			.isEqualTo("/internal-storage/.download-healthcheck/dummy.bin");
		assertThat(backend.get("requested").asString()).startsWith("GET http://127.0.0.1:" + this.app.port());
		JsonNode endToEnd = health.get("components").get("end-to-end").get("details");
		assertThat(endToEnd.get("seen").get("sha256").asString())
			.isEqualTo(endToEnd.get("expected").get("sha256").asString());
		assertThat(this.app.get("/actuator/health/download/end-to-end").statusCode()).isEqualTo(200);
	}

	@Test
	void realDownloadIsHandedOffToNginx() throws Exception {
		HttpResponse<byte[]> direct = RunningSampleApp.getBytes(this.app.uri("/files/hello.txt"));
		assertThat(direct.body()).isEmpty();
		assertThat(direct.headers().firstValue("X-Accel-Redirect")).hasValue("/internal-storage/hello.txt");
		HttpResponse<byte[]> viaNginx = RunningSampleApp.getBytes(this.proxy.uri("/files/hello.txt"));
		assertThat(viaNginx.statusCode()).isEqualTo(200);
		assertThat(new String(viaNginx.body(), StandardCharsets.UTF_8)).isEqualTo("hello through nginx\n");
		assertThat(viaNginx.headers().firstValue("X-Accel-Redirect")).isEmpty();
		assertThat(viaNginx.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"hello.txt\"");
		assertThat(RunningSampleApp.get(this.proxy.uri("/files/..%2f..%2fetc%2fpasswd")).statusCode()).isNotEqualTo(200);
	}

	@Test
	void prometheusShowsOneStatusSeriesPerCheck() throws Exception {
		this.app.snapshotAfter(() -> {
		});
		String scrape = this.app.get("/actuator/prometheus").body();
		Set<String> series = scrape.lines()
			.filter((line) -> line.startsWith("download_healthcheck_status{"))
			.collect(Collectors.toSet());
		assertThat(series).hasSize(4);
		for (Layer layer : Layer.values()) {
			assertThat(series).anySatisfy((line) -> assertThat(line).contains("check=\"" + layer.id() + "\"")
				.endsWith(" 1.0"));
		}
		assertThat(scrape).contains("download_healthcheck_duration_seconds_count{")
			.contains("download_healthcheck_last_success_seconds{")
			.contains("download_healthcheck_snapshot_age_seconds");
	}

	@Test
	void dummyRemovedFromStorage() throws Exception {
		Path dummy = this.storage.resolve(".download-healthcheck/dummy.bin");
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> Files.delete(dummy));
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.STORAGE).symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(snapshot.results().get(Layer.STORAGE).reason()).contains("missing").contains("written again");
		assertThat(suspect(snapshot)).isEqualTo("storage");
		// The next refresh writes the dummy file again before any layer looks.
		DownloadHealthSnapshot next = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(next)).as(describe(next)).isEmpty();
		assertThat(dummy).exists();
	}

	@Test
	void storageAliasPointedElsewhere() throws Exception {
		Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
		restartNginx(this.proxyConfig.transform((text) -> text.replace("alias " + this.storage + "/",
				"alias " + elsewhere + "/")));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactlyInAnyOrder(Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("404").contains("alias");
		assertThat(suspect(snapshot)).isEqualTo("proxy storage access");
	}

	@Test
	void internalLocationRemoved() throws Exception {
		restartNginx(this.proxyConfig.transform((text) -> text.replaceAll("(?s)location /internal-storage/ \\{.*?\\n        \\}",
				"")));
		assertThat(this.proxy.configFile()).content().doesNotContain("location /internal-storage/");
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
		assertThat(suspect(snapshot)).isEqualTo("hand-off between application and proxy");
		assertThat(snapshot.results().get(Layer.END_TO_END).extra().get("fix").toString())
			.contains("/internal-storage").contains("internal");
	}

	@Test
	void nginxStoppedTurnsProxyAndEndToEndDownWithinOneIntervalPlusTimeout() throws Exception {
		this.app.snapshotAfter(() -> {
		});
		long stoppedAt = System.nanoTime();
		this.proxy.stop();
		// A refresh running while nginx stops may see it half up: wait for both layers.
		JsonNode health = awaitHealth((json) -> isDown(json, "proxy") && isDown(json, "end-to-end"),
				INTERVAL.plus(TIMEOUT).plus(Duration.ofSeconds(2)));
		Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
		assertThat(took).isLessThanOrEqualTo(INTERVAL.plus(TIMEOUT).plus(Duration.ofSeconds(2)));
		JsonNode components = health.get("components");
		assertThat(components.get("storage").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("backend").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("proxy").get("status").asString()).isEqualTo("DOWN");
		assertThat(components.get("end-to-end").get("status").asString()).isEqualTo("DOWN");
		JsonNode details = components.get("end-to-end").get("details");
		assertThat(details.get("reason").asString()).contains("connection refused");
		assertThat(details.get("suspect").asString()).isEqualTo("proxy");
		assertThat(this.app.get("/actuator/health/download").statusCode()).isEqualTo(503);
	}

	@Test
	void sendfileRuleRemovedMakesTheApplicationStreamTheFile() throws Exception {
		int port = FreePorts.next();
		try (RunningSampleApp noRule = RunningSampleApp.start(appProperties(this.storage, false));
				ReverseProxyServer nginx = ProxyConfig
					.render(ProxyKind.NGINX, new ProxyConfig.Values(port, noRule.port(), this.storage,
							Files.createDirectories(temp.resolve("nginx-no-rule"))))
					.start()) {
			assertThat(nginx.isAlive()).isTrue();
			DownloadHealthSnapshot snapshot = noRule.snapshotAfter(() -> {
			});
			CheckResult backend = snapshot.results().get(Layer.BACKEND);
			assertThat(backend.isDown()).as(describe(snapshot)).isTrue();
			assertThat(backend.symptom()).isEqualTo(Symptom.STREAMED_BY_APPLICATION);
			assertThat(backend.reason()).contains("streamed the dummy file itself")
				.contains("download.sendfile.rules");
			// This app's end-to-end URL is the other nginx: only the layers of this app matter.
			assertThat(snapshot.results().get(Layer.STORAGE).isUp()).isTrue();
		}
	}

	private void restartNginx(ProxyConfig config) {
		this.proxy.close();
		this.proxy = config.start();
	}

	private JsonNode awaitHealth(java.util.function.Predicate<JsonNode> condition, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.plusSeconds(5).toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			last = this.app.downloadHealth();
			if (condition.test(last)) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("download health never matched within " + within + "; last: " + last);
	}

	private static boolean isDown(JsonNode health, String component) {
		return "DOWN".equals(health.get("components").get(component).get("status").asString());
	}

}
