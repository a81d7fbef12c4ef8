package io.github.downloadhealthcheck.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the running application tells about itself: credentials written into the
 * configured URLs never reach the health details or the log, and details follow Spring
 * Boot's {@code show-details}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsAndDetailsIntegrationTests {

	private static final String PASSWORD = "pw-7c1e94b2";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path temp;

	@Test
	void credentialsInUrlsAreNeverShownNorLogged(CapturedOutput output) throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path storage = Files.createDirectories(temp.resolve("storage"));
		int proxyPort = FreePorts.next();
		int closedPort = FreePorts.next();
		int appPort = FreePorts.next();
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, proxyPort);
		properties.put("server.port", Integer.toString(appPort));
		properties.put("download.healthcheck.backend.url",
				"http://admin:" + PASSWORD + "@127.0.0.1:" + appPort + "/healthcheck-utils/download/");
		properties.put("download.healthcheck.proxy.url",
				"http://user:" + PASSWORD + "@127.0.0.1:" + proxyPort + "/healthcheck-utils/dummy-file");
		// Nothing listens there: the reason, the diagnosis and the log line all name the
		// URL.
		properties.put("download.healthcheck.end-to-end.url",
				"http://user:" + PASSWORD + "@127.0.0.1:" + closedPort + "/healthcheck-utils/download/");
		try (RunningSampleApp app = RunningSampleApp.start(properties);
				ReverseProxyServer nginx = ProxyConfig
					.render(ProxyKind.NGINX,
							new ProxyConfig.Values(proxyPort, app.port(), storage,
									Files.createDirectories(temp.resolve("nginx"))))
					.start()) {
			FaultRun.settled(app, Layer.END_TO_END)
				.reason(Layer.END_TO_END, "connection refused by http://user:******@127.0.0.1");
			JsonNode health = app.downloadHealth();
			String json = health.toString();
			assertThat(json).contains("http://admin:******@127.0.0.1:" + appPort)
				.contains("http://user:******@127.0.0.1:" + proxyPort)
				.contains("http://user:******@127.0.0.1:" + proxyPort + "/internal-storage/")
				.doesNotContain(PASSWORD);
			assertThat(app.get("/actuator/health/download/end-to-end").body()).doesNotContain(PASSWORD);
			assertThat(output.getAll()).contains("Download health end-to-end is DOWN")
				.contains("user:******@")
				.doesNotContain(PASSWORD);
			assertThat(nginx.log()).doesNotContain(PASSWORD);
		}
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void showDetailsNeverShowsOnlyStatuses() throws Exception {
		Path storage = Files.createDirectories(temp.resolve("storage-never"));
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, FreePorts.next());
		properties.put("management.endpoint.health.show-details", "never");
		try (RunningSampleApp app = RunningSampleApp.start(properties)) {
			app.snapshotAfter(() -> {
			});
			JsonNode health = app.downloadHealth();
			assertThat(health.get("status").asString()).isEqualTo("DOWN");
			assertThat(health.propertyNames()).contains("status", "components").doesNotContain("details");
			for (Layer layer : Layer.values()) {
				JsonNode component = health.get("components").get(layer.id());
				assertThat(component.propertyNames()).as(layer.id()).containsExactly("status");
				JsonNode alone = JSON.readTree(app.get("/actuator/health/download/" + layer.id()).body());
				assertThat(alone.propertyNames()).as(layer.id()).containsExactly("status");
			}
			assertThat(health.toString()).doesNotContain("reason").doesNotContain("requested").doesNotContain("fix");
		}
	}

}
