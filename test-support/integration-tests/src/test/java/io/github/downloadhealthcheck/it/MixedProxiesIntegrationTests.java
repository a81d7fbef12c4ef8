package io.github.downloadhealthcheck.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rules, two styles: the healthcheck folder handed off to a real Apache
 * ({@code X-Sendfile}), everything else to a real nginx ({@code X-Accel-Redirect}), one
 * application behind both.
 */
class MixedProxiesIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void eachRuleHandsOffToItsOwnProxyAndTheChecksFollowTheDummysRule() throws Exception {
		Files.setPosixFilePermissions(this.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path storage = Files.createDirectories(this.temp.resolve("storage"));
		Path healthcheck = Files.createDirectories(storage.resolve(".download-healthcheck"));
		Files.writeString(storage.resolve("hello.txt"), "hello through nginx\n");
		int apachePort = FreePorts.next();
		int nginxPort = FreePorts.next();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.storage.root", storage.toString());
		// The more specific rule first: the dummy file's folder goes to Apache.
		properties.put("download.sendfile.rules[0].source", healthcheck.toString());
		properties.put("download.sendfile.rules[0].server", "apache");
		properties.put("download.sendfile.rules[0].destination", healthcheck.toString());
		properties.put("download.sendfile.rules[1].source", storage.toString());
		properties.put("download.sendfile.rules[1].server", "nginx");
		properties.put("download.sendfile.rules[1].destination", "/internal-storage");
		properties.put("download.healthcheck.proxy.url",
				"http://127.0.0.1:" + apachePort + "/healthcheck-utils/dummy-file");
		properties.put("download.healthcheck.end-to-end.url",
				"http://127.0.0.1:" + apachePort + "/healthcheck-utils/download/");
		try (RunningSampleApp app = RunningSampleApp.start(properties);
				ReverseProxyServer apache = start(ProxyKind.APACHE, apachePort, app, storage);
				ReverseProxyServer nginx = start(ProxyKind.NGINX, nginxPort, app, storage)) {
			DownloadHealthSnapshot snapshot = app.snapshotAfter(() -> {
			});
			assertThat(Snapshots.downLayers(snapshot)).as(Snapshots.describe(snapshot)).isEmpty();
			assertThat(snapshot.results().get(Layer.BACKEND).seen()).containsEntry("X-Sendfile",
					healthcheck + "/dummy.bin");

			HttpResponse<byte[]> direct = RunningSampleApp.getBytes(app.uri("/files/hello.txt"));
			assertThat(direct.headers().firstValue("X-Accel-Redirect")).hasValue("/internal-storage/hello.txt");
			assertThat(direct.headers().firstValue("X-Sendfile")).isEmpty();
			HttpResponse<byte[]> viaNginx = RunningSampleApp.getBytes(nginx.uri("/files/hello.txt"));
			assertThat(new String(viaNginx.body(), StandardCharsets.UTF_8)).isEqualTo("hello through nginx\n");

			JsonNode snippets = app.json("/actuator/downloadproxy").get("snippets");
			assertThat(snippets.propertyNames()).containsExactly("apache", "nginx");
			assertThat(snippets.get("apache").asString()).contains("XSendFilePath \"" + healthcheck + "\"");
			assertThat(snippets.get("nginx").asString()).contains("location /internal-storage/ {")
				.contains("alias " + storage + "/;");
		}
	}

	private ReverseProxyServer start(ProxyKind kind, int port, RunningSampleApp app, Path storage) throws Exception {
		return ProxyConfig
			.render(kind,
					new ProxyConfig.Values(port, app.port(), storage,
							Files.createDirectories(this.temp.resolve(kind.binaryName()))))
			.start();
	}

}
