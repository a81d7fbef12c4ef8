package io.github.downloadhealthcheck.harness.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Quick start as a new user runs it, shared by the Quick start applications (Spring
 * MVC and WebFlux), whose test classes extend it: the application with its own
 * {@code application.properties}, behind a real nginx started from
 * {@code src/main/nginx/download.conf}. Only the addresses a test cannot share with a
 * user are changed: the ports (free loopback ones) and the storage folder (a temporary
 * one); the check interval is shortened so that changes show quickly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "download.healthcheck.interval=1s",
				"download.healthcheck.timeout=1s" })
@DirtiesContext
public abstract class QuickstartBehindNginx {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String FILE_NAME = "annual report 2026.pdf";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final int proxyPort = FreePorts.next();

	@TempDir
	static Path temp;

	private static byte[] content = new byte[0];

	@LocalServerPort
	private int appPort;

	private ProxyConfig intact;

	private ReverseProxyServer nginx;

	@BeforeAll
	static void storage() throws IOException {
		// As root, nginx's workers run as nobody: every folder on the way must be
		// searchable, the files readable.
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path storage = Files.createDirectories(temp.resolve("storage"));
		content = new byte[256 * 1024];
		new Random(42).nextBytes(content);
		Files.write(storage.resolve(FILE_NAME), content);
	}

	@DynamicPropertySource
	static void addressesOfThisRun(DynamicPropertyRegistry registry) {
		registry.add("download.sendfile.rules[0].source", () -> temp.resolve("storage").toString());
		// Boot binds a list from one property source only: the rule is given whole.
		registry.add("download.sendfile.rules[0].destination", () -> "/internal-storage");
		registry.add("download.healthcheck.proxy.url",
				() -> "http://127.0.0.1:" + proxyPort + "/healthcheck-utils/dummy-file");
		registry.add("download.healthcheck.end-to-end.url",
				() -> "http://127.0.0.1:" + proxyPort + "/healthcheck-utils/download/");
	}

	@BeforeEach
	void startNginx() throws IOException {
		Path storage = temp.resolve("storage");
		ProxyConfig.Values values = new ProxyConfig.Values(proxyPort, this.appPort, storage,
				Files.createDirectories(temp.resolve("nginx")));
		Path serverBlock = Path.of("src/main/nginx/download.conf");
		this.intact = ProxyConfig.nginxServerBlocks(Files.readString(serverBlock), serverBlock.toString(), values)
			.replace("listen 127.0.0.1:8081;", "listen 127.0.0.1:" + proxyPort + ";")
			.replace("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:" + this.appPort + ";")
			.replace("/srv/storage/", storage + "/");
		this.nginx = this.intact.start();
	}

	@AfterEach
	void stopNginx() {
		if (this.nginx != null) {
			this.nginx.stop();
		}
	}

	@Test
	void downloadsGoThroughNginxAndAllFourLayersAreUp() throws Exception {
		await("all four layers UP").atMost(WAIT).untilAsserted(() -> {
			DocumentContext health = health();
			Map<String, Object> components = health.read("$.components");
			assertThat(components).containsOnlyKeys("storage", "backend", "proxy", "end-to-end");
			for (String layer : new String[] { "storage", "backend", "proxy", "end-to-end" }) {
				assertThat(health.read("$.components['" + layer + "'].status", String.class)).as(layer).isEqualTo("UP");
			}
			assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		});
		HttpResponse<byte[]> download = get(this.nginx.uri("/files/annual%20report%202026.pdf"));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("X-Accel-Redirect")).isEmpty();
		assertThat(download.headers().firstValue("Content-Disposition")).map(ContentDisposition::parse)
			.hasValueSatisfying((disposition) -> {
				assertThat(disposition.isAttachment()).isTrue();
				assertThat(disposition.getFilename()).isEqualTo(FILE_NAME);
			});
		assertThat(get(app("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	@Test
	void handOffIgnoredByNginxIsReportedDownWithTheFix() throws Exception {
		this.nginx.stop();
		String pass = "proxy_pass http://127.0.0.1:" + this.appPort + ";";
		this.nginx = this.intact.replace(pass, pass + "\n        proxy_ignore_headers X-Accel-Redirect;").start();
		await("end-to-end DOWN, the other layers UP").atMost(WAIT).untilAsserted(() -> {
			DocumentContext health = health();
			assertThat(health.read("$.components['end-to-end'].status", String.class)).isEqualTo("DOWN");
			for (String layer : new String[] { "storage", "backend", "proxy" }) {
				assertThat(health.read("$.components['" + layer + "'].status", String.class)).as(layer).isEqualTo("UP");
			}
		});
		DocumentContext endToEnd = JsonPath.parse(getString(app("/actuator/health/download/end-to-end")));
		assertThat(endToEnd.read("$.details.cause", String.class)).isEqualTo("hand-off-ignored");
		assertThat(endToEnd.read("$.details.fix", String.class)).contains("proxy_ignore_headers");
		assertThat(get(app("/actuator/health/readiness")).statusCode()).isEqualTo(503);
		// What users would see: nginx answers 200 with nothing in it.
		HttpResponse<byte[]> download = get(this.nginx.uri("/files/annual%20report%202026.pdf"));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEmpty();
	}

	private DocumentContext health() throws Exception {
		return JsonPath.parse(getString(app("/actuator/health/download")));
	}

	protected final URI app(String path) {
		return URI.create("http://127.0.0.1:" + this.appPort + path);
	}

	protected static HttpResponse<byte[]> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String getString(URI uri) throws Exception {
		return http
			.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
