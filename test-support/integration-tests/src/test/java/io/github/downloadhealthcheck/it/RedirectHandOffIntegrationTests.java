package io.github.downloadhealthcheck.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.harness.s3.DelayingRelay;
import io.github.downloadhealthcheck.harness.s3.S3ProxyServer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static io.github.downloadhealthcheck.it.Snapshots.describe;
import static io.github.downloadhealthcheck.it.Snapshots.downLayers;
import static io.github.downloadhealthcheck.it.Snapshots.cause;
import static io.github.downloadhealthcheck.it.Snapshots.explainedBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redirect hand-off for real: the sample application on a real S3 server (S3Proxy,
 * which checks signatures) behind a real HAProxy, which cannot hand off. The store's
 * public endpoint, the one clients reach and redirects name, is a second listener (a TCP
 * relay in front of the store) so that it differs from the endpoint the application talks
 * to. All four layers up, curl following the redirect downloads the exact bytes under the
 * right name, then one real fault at a time with the DOWN set, cause and fix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectHandOffIntegrationTests {

	private static final String BUCKET = "downloads";

	private static final String DUMMY_KEY = ".download-healthcheck/dummy.bin";

	private static final String AWKWARD = "q1 report+x=1&y.txt";

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final Duration TIMEOUT = Duration.ofSeconds(4);

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@TempDir
	static Path temp;

	private S3ProxyServer store;

	private DelayingRelay publicEndpoint;

	private String publicName;

	private RunningSampleApp app;

	private ProxyConfig haproxyConfig;

	private ReverseProxyServer haproxy;

	@BeforeAll
	void startStoreApplicationAndHaproxy() throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.store = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3proxy")));
		Path bucket = this.store.createBucket(BUCKET);
		for (String name : List.of("hello.txt", AWKWARD)) {
			// World-readable files are public-read to S3Proxy: keep these private.
			Files.setPosixFilePermissions(Files.writeString(bucket.resolve(name), "bytes of " + name + "\n"),
					PosixFilePermissions.fromString("rw-------"));
		}
		this.publicEndpoint = DelayingRelay.start(this.store.port(), Duration.ZERO);
		this.publicName = "S3 bucket '" + BUCKET + "' at its public endpoint " + this.publicEndpoint.endpoint();
		int port = FreePorts.next();
		this.app = RunningSampleApp.start(redirectProperties(port, this.publicEndpoint.endpoint()));
		this.haproxyConfig = haproxy(port, this.app.port(), "haproxy");
		this.haproxy = this.haproxyConfig.start();
	}

	private Map<String, String> redirectProperties(int ingressPort, URI publicEndpoint) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.storage.type", "s3");
		properties.put("download.healthcheck.storage.s3.bucket", BUCKET);
		properties.put("download.healthcheck.storage.s3.endpoint", this.store.endpoint().toString());
		properties.put("download.healthcheck.storage.s3.public-endpoint", publicEndpoint.toString());
		properties.put("download.healthcheck.storage.s3.path-style-access", "true");
		properties.put("download.healthcheck.storage.s3.region", S3ProxyServer.REGION);
		properties.put("download.healthcheck.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY);
		properties.put("download.healthcheck.storage.s3.secret-access-key", S3ProxyServer.SECRET_KEY);
		properties.put("download.sendfile.object-storage.mode", "redirect");
		properties.putAll(AppBehindProxy.checkProperties(ingressPort, INTERVAL, TIMEOUT));
		return properties;
	}

	private static ProxyConfig haproxy(int port, int appPort, String folder) throws Exception {
		Path work = Files.createDirectories(temp.resolve(folder));
		return ProxyConfig.render(ProxyKind.HAPROXY, new ProxyConfig.Values(port, appPort, work, work));
	}

	@AfterEach
	void restore() throws Exception {
		if (!this.haproxy.isAlive()) {
			this.haproxy.close();
			this.haproxy = this.haproxyConfig.start();
		}
		FaultRun.settled(this.app);
	}

	@AfterAll
	void stopAll() throws Exception {
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		if (this.app != null) {
			this.app.close();
		}
		if (this.publicEndpoint != null) {
			this.publicEndpoint.close();
		}
		if (this.store != null) {
			this.store.close();
		}
	}

	@Test
	void allFourLayersUpBehindHaproxy() throws Exception {
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).isEmpty();
		HttpResponse<String> health = this.app.get("/actuator/health/download");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).doesNotContain(S3ProxyServer.SECRET_KEY).contains("X-Amz-Signature=******");
		JsonNode components = this.app.downloadHealth().get("components");
		JsonNode backend = components.get("backend").get("details");
		String dummyUrl = this.publicEndpoint.endpoint() + "/" + BUCKET + "/" + DUMMY_KEY;
		assertThat(backend.get("expected").get("location").asString()).isEqualTo(dummyUrl + "?<presigned query>");
		assertThat(backend.get("seen").get("status").asInt()).isEqualTo(302);
		assertThat(backend.get("seen").get("location").asString()).startsWith(dummyUrl + "?")
			.contains("X-Amz-Expires=300");
		assertThat(components.get("proxy").get("details").get("seen").get("head").get("status").asInt()).isEqualTo(200);
		JsonNode endToEnd = components.get("end-to-end").get("details").get("seen");
		assertThat(endToEnd.get("redirect").get("status").asInt()).isEqualTo(302);
		assertThat(endToEnd.get("followed").get("status").asInt()).isEqualTo(200);
		assertThat(endToEnd.get("head").get("followedStatus").asInt()).isEqualTo(200);
	}

	@Test
	void haproxyConfiguredFromTheDownloadproxyEndpointServesAllFourLayers() throws Exception {
		HttpResponse<String> response = this.app.get("/actuator/downloadproxy/haproxy");
		assertThat(response.statusCode()).isEqualTo(200);
		String snippet = response.body();
		assertThat(snippet).contains("server app 127.0.0.1:" + this.app.port())
			.contains("bind 127.0.0.1:" + this.haproxy.port());
		Path workDir = Files.createDirectories(temp.resolve("haproxy-from-snippet"));
		this.haproxy.close();
		try {
			this.haproxy = ReverseProxyServer.start(ProxyKind.HAPROXY, snippet, workDir,
					this.haproxyConfig.values().proxyPort());
			DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
			});
			assertThat(downLayers(snapshot)).as(describe(snapshot) + "\n" + snippet).isEmpty();
		}
		finally {
			this.haproxy.close();
			this.haproxy = this.haproxyConfig.start();
		}
	}

	@Test
	void theApplicationRedirectsToAPresignedUrlOnThePublicEndpointThatNoCacheKeeps() throws Exception {
		HttpResponse<String> direct = send("GET", this.app.uri("/files/hello.txt"));
		assertThat(direct.statusCode()).isEqualTo(302);
		assertThat(direct.body()).isEmpty();
		assertThat(direct.headers().firstValue("Cache-Control")).hasValue("no-store, private, max-age=0");
		String location = direct.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(this.publicEndpoint.endpoint() + "/" + BUCKET + "/hello.txt?")
			.contains("response-content-disposition=")
			.contains("X-Amz-Signature=");
		// Through HAProxy: the same redirect, intact, and the store serves it once
		// followed.
		HttpResponse<String> viaIngress = send("GET", this.haproxy.uri("/files/hello.txt"));
		assertThat(viaIngress.statusCode()).isEqualTo(302);
		HttpResponse<String> followed = send("GET",
				URI.create(viaIngress.headers().firstValue("Location").orElseThrow()));
		assertThat(followed.statusCode()).isEqualTo(200);
		assertThat(followed.body()).isEqualTo("bytes of hello.txt\n");
		assertThat(followed.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("hello.txt"));
		// Path safety is the header hand-off's.
		assertThat(send("GET", this.haproxy.uri("/files/..%2Fsecret")).statusCode()).isIn(400, 404);
	}

	@Test
	void headIsRedirectedToAUrlPresignedForHead() throws Exception {
		HttpResponse<String> head = send("HEAD", this.haproxy.uri("/files/hello.txt"));
		assertThat(head.statusCode()).isEqualTo(302);
		HttpResponse<String> followed = send("HEAD", URI.create(head.headers().firstValue("Location").orElseThrow()));
		assertThat(followed.statusCode()).isEqualTo(200);
		assertThat(followed.headers().firstValueAsLong("Content-Length")).hasValue(19);
		// A URL signed for GET is refused for HEAD: what nginx's hand-off used to send.
		HttpResponse<String> get = send("GET", this.haproxy.uri("/files/hello.txt"));
		assertThat(send("HEAD", URI.create(get.headers().firstValue("Location").orElseThrow())).statusCode())
			.isEqualTo(403);
	}

	@Test
	void curlFollowingTheRedirectSavesTheExactBytesUnderTheRightName() throws Exception {
		Path downloads = Files.createDirectories(temp.resolve("curl-downloads"));
		String encoded = URLEncoder.encode(AWKWARD, StandardCharsets.UTF_8).replace("+", "%20");
		Process curl = new ProcessBuilder(curl(), "-sS", "-f", "-L", "-O", "-J",
				this.haproxy.uri("/files/" + encoded).toString())
			.directory(downloads.toFile())
			.redirectErrorStream(true)
			.start();
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.exitValue()).as(output).isZero();
		assertThat(downloads.resolve(AWKWARD)).as(output).hasContent("bytes of " + AWKWARD);
		Process head = new ProcessBuilder(curl(), "-sS", "-f", "-I", "-L", "-o", "/dev/null", "-w", "%{http_code}",
				this.haproxy.uri("/files/hello.txt").toString())
			.redirectErrorStream(true)
			.start();
		assertThat(head.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");
	}

	@Test
	void publicEndpointUnreachable() throws Exception {
		int port = FreePorts.next();
		URI nowhere = URI.create("http://127.0.0.1:" + FreePorts.next());
		try (RunningSampleApp unreachable = RunningSampleApp.start(redirectProperties(port, nowhere));
				ReverseProxyServer ingress = haproxy(port, unreachable.port(), "haproxy-unreachable").start()) {
			FaultRun.settled(unreachable, Layer.PROXY, Layer.END_TO_END);
			DownloadHealthSnapshot snapshot = unreachable.snapshotAfter(() -> {
			});
			assertThat(snapshot.results().get(Layer.PROXY).symptom()).as(describe(snapshot))
				.isEqualTo(Symptom.PUBLIC_ENDPOINT_UNREACHABLE);
			assertThat(snapshot.results().get(Layer.END_TO_END).symptom())
				.isEqualTo(Symptom.PUBLIC_ENDPOINT_UNREACHABLE);
			assertThat(snapshot.results().get(Layer.PROXY).reason()).contains(nowhere.toString())
				.contains("connection refused");
			assertThat(cause(snapshot)).isEqualTo("public-endpoint-unreachable");
			assertThat(fix(snapshot)).contains("download.healthcheck.storage.s3.public-endpoint");
		}
	}

	@Test
	void ingressRewritesLocation() throws Exception {
		DownloadHealthSnapshot snapshot = withIngress(
				"    http-response replace-header Location ^http://127\\.0\\.0\\.1:(.*)$ http://localhost:\\1\n",
				Layer.END_TO_END);
		CheckResult endToEnd = snapshot.results().get(Layer.END_TO_END);
		assertThat(endToEnd.symptom()).isEqualTo(Symptom.LOCATION_REWRITTEN);
		assertThat(endToEnd.reason()).contains("http://localhost:" + this.publicEndpoint.endpoint().getPort());
		assertThat(cause(snapshot)).isEqualTo("location-rewritten");
		assertThat(fix(snapshot)).contains("replace-header");
	}

	@Test
	void ingressAddsACacheLifetimeToTheRedirect() throws Exception {
		DownloadHealthSnapshot snapshot = withIngress(
				"    http-response set-header Cache-Control \"public, max-age=3600\"\n", Layer.END_TO_END);
		CheckResult endToEnd = snapshot.results().get(Layer.END_TO_END);
		assertThat(endToEnd.symptom()).isEqualTo(Symptom.REDIRECT_CACHEABLE);
		assertThat(endToEnd.reason()).contains("public, max-age=3600");
		assertThat(cause(snapshot)).isEqualTo("redirect-cacheable");
		assertThat(fix(snapshot)).contains("Cache-Control");
	}

	@Test
	void lifetimeTooShortForTheClientToStart() throws Exception {
		int port = FreePorts.next();
		try (DelayingRelay slowPublic = DelayingRelay.startDelayingEveryRequest(this.store.port(),
				Duration.ofMillis(2500))) {
			Map<String, String> properties = redirectProperties(port, slowPublic.endpoint());
			properties.put("download.sendfile.object-storage.redirect.lifetime", "1s");
			properties.put("download.healthcheck.timeout", "8s");
			properties.put("download.healthcheck.interval", "10s");
			try (RunningSampleApp shortLived = RunningSampleApp.start(properties);
					ReverseProxyServer ingress = haproxy(port, shortLived.port(), "haproxy-short").start()) {
				FaultRun.settled(shortLived, Layer.PROXY, Layer.END_TO_END);
				DownloadHealthSnapshot snapshot = shortLived.snapshotAfter(() -> {
				});
				assertThat(snapshot.results().get(Layer.PROXY).symptom()).as(describe(snapshot))
					.isEqualTo(Symptom.LINK_EXPIRED);
				assertThat(snapshot.results().get(Layer.END_TO_END).symptom()).isEqualTo(Symptom.LINK_EXPIRED);
				assertThat(snapshot.results().get(Layer.END_TO_END).reason()).contains("Request has expired");
				assertThat(cause(snapshot)).isEqualTo("presigned-url-expired");
				assertThat(fix(snapshot)).contains("download.sendfile.object-storage.redirect.lifetime");
			}
		}
	}

	@Test
	void signatureRefusedByTheStore() throws Exception {
		int port = FreePorts.next();
		Map<String, String> properties = redirectProperties(port, this.publicEndpoint.endpoint());
		properties.put("download.healthcheck.storage.s3.secret-access-key", "not-the-secret");
		try (RunningSampleApp wrong = RunningSampleApp.start(properties);
				ReverseProxyServer ingress = haproxy(port, wrong.port(), "haproxy-wrong-secret").start()) {
			FaultRun.settled(wrong, Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
			DownloadHealthSnapshot snapshot = wrong.snapshotAfter(() -> {
			});
			assertThat(snapshot.results().get(Layer.STORAGE).reason()).as(describe(snapshot))
				.contains("signature mismatch");
			CheckResult proxy = snapshot.results().get(Layer.PROXY);
			assertThat(proxy.symptom()).isEqualTo(Symptom.SIGNATURE_REFUSED);
			assertThat(proxy.reason()).contains(this.publicName).contains("403");
			assertThat(snapshot.results().get(Layer.END_TO_END).symptom()).isEqualTo(Symptom.SIGNATURE_REFUSED);
			assertThat(explainedBy(snapshot)).isEqualTo(Layer.STORAGE);
			assertThat(wrong.get("/actuator/health/download").body()).doesNotContain("not-the-secret");
		}
	}

	@Test
	void storeClockAheadOfTheApplications() throws Exception {
		int port = FreePorts.next();
		try (S3ProxyServer skewed = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3proxy-skewed")),
				Duration.ofMinutes(20))) {
			skewed.createBucket(BUCKET);
			Map<String, String> properties = redirectProperties(port, skewed.endpoint());
			properties.put("download.healthcheck.storage.s3.endpoint", skewed.endpoint().toString());
			try (RunningSampleApp app = RunningSampleApp.start(properties);
					ReverseProxyServer ingress = haproxy(port, app.port(), "haproxy-skewed").start()) {
				DownloadHealthSnapshot snapshot = app.snapshotAfter(() -> {
				});
				// The AWS SDK corrects its own calls for a skew the store reports
				// (RequestTimeTooSkewed), within the storage check's timeout or not: only
				// presigned URLs, signed ahead of time, cannot be corrected.
				assertThat(downLayers(snapshot)).as(describe(snapshot))
					.contains(Layer.PROXY, Layer.END_TO_END)
					.doesNotContain(Layer.BACKEND);
				CheckResult proxy = snapshot.results().get(Layer.PROXY);
				assertThat(proxy.symptom()).as(describe(snapshot)).isEqualTo(Symptom.CLOCK_SKEW);
				assertThat(proxy.reason()).contains("ahead of the application's").contains("NTP");
				assertThat(snapshot.results().get(Layer.END_TO_END).symptom()).isEqualTo(Symptom.CLOCK_SKEW);
				assertThat(cause(snapshot)).isEqualTo("clock-skew");
				assertThat(fix(snapshot)).contains("NTP");
			}
		}
	}

	@Test
	void objectGone() throws Exception {
		DownloadHealthSnapshot snapshot = this.app
			.snapshotAfter(() -> Files.delete(this.store.objectFile(BUCKET, DUMMY_KEY)));
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.STORAGE).symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("404").contains(this.publicName);
		assertThat(snapshot.results().get(Layer.END_TO_END).reason()).contains("404");
		assertThat(explainedBy(snapshot)).isEqualTo(Layer.STORAGE);
	}

	@Test
	void ingressFollowingRedirectsItself() throws Exception {
		int port = FreePorts.next();
		Path work = Files.createDirectories(temp.resolve("nginx-follows"));
		try (RunningSampleApp behindFollower = RunningSampleApp
			.start(redirectProperties(port, this.publicEndpoint.endpoint()));
				ReverseProxyServer nginx = ProxyConfig
					.render(ProxyKind.NGINX, "/proxy/nginx-follows-redirects.conf.template",
							new ProxyConfig.Values(port, behindFollower.port(), work, work), Map.of())
					.start()) {
			FaultRun.settled(behindFollower, Layer.END_TO_END);
			DownloadHealthSnapshot snapshot = behindFollower.snapshotAfter(() -> {
			});
			assertThat(snapshot.results().get(Layer.END_TO_END).symptom()).as(describe(snapshot))
				.isEqualTo(Symptom.INGRESS_FOLLOWED_REDIRECT);
			assertThat(cause(snapshot)).isEqualTo("ingress-follows-redirect");
			assertThat(fix(snapshot)).contains("internal_redirect_policy");
		}
	}

	private DownloadHealthSnapshot withIngress(String responseRule, Layer... down) throws Exception {
		this.haproxy.close();
		ProxyConfig changed = this.haproxyConfig.replace("backend app\n", "backend app\n" + responseRule);
		this.haproxy = changed.start();
		try {
			FaultRun.settled(this.app, down);
			return this.app.snapshotAfter(() -> {
			});
		}
		finally {
			this.haproxy.close();
			this.haproxy = this.haproxyConfig.start();
		}
	}

	private static String fix(DownloadHealthSnapshot snapshot) {
		return String.valueOf(snapshot.results().get(Layer.END_TO_END).details().get("fix"));
	}

	private static HttpResponse<String> send(String method, URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String curl() {
		Path curl = Path.of("/usr/bin/curl");
		if (!Files.isExecutable(curl)) {
			throw new IllegalStateException("curl is missing: apt-get update && DEBIAN_FRONTEND=noninteractive "
					+ "apt-get install -y --no-install-recommends curl");
		}
		return curl.toString();
	}

}
