package io.github.downloadhealthcheck.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.check.Cause;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on object storage: a real S3 server (S3Proxy, which checks
 * signatures) behind a real nginx that fetches objects with the presigned GETs the
 * application hands off. All four layers up, then one real fault at a time, asserting
 * exactly which components go down and that the reasons name the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DownloadHealthIntegrationTests {

	private static final String BUCKET = "downloads";

	private static final String DUMMY_KEY = ".download-healthcheck/dummy.bin";

	// Names nginx decodes from X-Accel-Redirect and encodes again on the way to the
	// store.
	private static final java.util.List<String> AWKWARD_NAMES = java.util.List.of("q1 report.txt", "a+b.txt",
			"x=1&y=2.txt", "café.txt");

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@TempDir
	static Path temp;

	private S3ProxyServer store;

	private String storeName;

	private int proxyPort;

	private RunningSampleApp app;

	private ProxyConfig proxyConfig;

	private ReverseProxyServer proxy;

	@BeforeAll
	void startStoreApplicationAndNginx() throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.store = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3proxy")));
		System.out.println("S3Proxy started in " + this.store.lastStartTime().toMillis() + " ms");
		this.storeName = "S3 bucket '" + BUCKET + "' at " + this.store.endpoint();
		Path hello = Files.writeString(this.store.createBucket(BUCKET).resolve("hello.txt"),
				"hello from the object store\n");
		// S3Proxy's file-system backend serves world-readable files to anybody
		// (public-read):
		// keep this object private, like the dummy object its PUT creates.
		Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rw-------"));
		for (String name : AWKWARD_NAMES) {
			Files.setPosixFilePermissions(Files.writeString(hello.resolveSibling(name), name),
					PosixFilePermissions.fromString("rw-------"));
		}
		this.proxyPort = FreePorts.next();
		// Named here: out of the sample's package, test configurations are not
		// component-scanned.
		this.app = RunningSampleApp.start(appProperties(BUCKET, S3ProxyServer.SECRET_KEY, this.proxyPort),
				HeadAsGetFilter.Injection.class);
		this.proxyConfig = nginx(this.proxyPort, this.app.port(), this.store.endpoint().toString(), "nginx");
		this.proxy = this.proxyConfig.start();
	}

	private Map<String, String> appProperties(String bucket, String secret, int nginxPort) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.storage.type", "s3");
		properties.put("download.healthcheck.storage.s3.bucket", bucket);
		properties.put("download.healthcheck.storage.s3.endpoint", this.store.endpoint().toString());
		properties.put("download.healthcheck.storage.s3.path-style-access", "true");
		properties.put("download.healthcheck.storage.s3.region", S3ProxyServer.REGION);
		properties.put("download.healthcheck.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY);
		properties.put("download.healthcheck.storage.s3.secret-access-key", secret);
		properties.putAll(AppBehindProxy.checkProperties(nginxPort, INTERVAL, TIMEOUT));
		return properties;
	}

	private static ProxyConfig nginx(int port, int appPort, String storeUrl, String folder) throws Exception {
		Path work = Files.createDirectories(temp.resolve(folder));
		return ProxyConfig.render(ProxyKind.NGINX, "/proxy/nginx-s3.conf.template",
				new ProxyConfig.Values(port, appPort, work, work),
				Map.of("OBJECT_STORE_URL", storeUrl, "BUCKET", BUCKET, "DUMMY_KEY", DUMMY_KEY));
	}

	@AfterEach
	void restoreStoreAndNginx() throws Exception {
		if (!this.store.isAlive()) {
			this.store.restart();
		}
		if (!this.proxy.isAlive()) {
			this.proxy.close();
			this.proxy = this.proxyConfig.start();
		}
		// Every test starts from a healthy chain: a refresh that finds the dummy object
		// missing writes it again before the next one.
		FaultRun.settled(this.app);
	}

	@AfterAll
	void stopAll() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.app != null) {
			this.app.close();
		}
		if (this.store != null) {
			this.store.close();
		}
	}

	@Test
	void allFourLayersUpOnObjectStorage() throws Exception {
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).isEmpty();
		assertThat(this.store.objectFile(BUCKET, DUMMY_KEY)).exists();
		HttpResponse<String> response = this.app.get("/actuator/health/download");
		assertThat(response.statusCode()).isEqualTo(200);
		// Neither the secret nor a usable signature ever reaches the health details.
		assertThat(response.body()).doesNotContain(S3ProxyServer.SECRET_KEY)
			.doesNotContain("X-Amz-Signature=0")
			.contains("X-Amz-Signature=******");
		JsonNode components = this.app.downloadHealth().get("components");
		assertThat(components.get("storage").get("details").get("requested").asString())
			.isEqualTo("read " + DUMMY_KEY + " from " + this.storeName);
		JsonNode backend = components.get("backend").get("details");
		assertThat(backend.get("expected").get("X-Accel-Redirect").asString())
			.isEqualTo("/internal-object-storage/" + BUCKET + "/" + DUMMY_KEY + "?<presigned query>");
		assertThat(backend.get("seen").get("X-Accel-Redirect").asString())
			.startsWith("/internal-object-storage/" + BUCKET + "/" + DUMMY_KEY + "?")
			.contains("X-Amz-Expires=60");
	}

	@Test
	void applicationDownloadsAreHandedOffToNginxWhichFetchesThemFromTheStore() throws Exception {
		HttpResponse<String> direct = this.app.get("/files/hello.txt");
		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEmpty();
		assertThat(direct.headers().firstValue("X-Accel-Redirect")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("/internal-object-storage/" + BUCKET + "/hello.txt?X-Amz-"));
		HttpResponse<byte[]> viaNginx = RunningSampleApp.getBytes(this.proxy.uri("/files/hello.txt"));
		assertThat(viaNginx.statusCode()).isEqualTo(200);
		assertThat(new String(viaNginx.body(), StandardCharsets.UTF_8)).isEqualTo("hello from the object store\n");
		assertThat(viaNginx.headers().firstValue("X-Accel-Redirect")).isEmpty();
		for (String name : AWKWARD_NAMES) {
			HttpResponse<byte[]> awkward = RunningSampleApp.getBytes(this.proxy
				.uri("/files/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")));
			assertThat(new String(awkward.body(), StandardCharsets.UTF_8)).as(name).isEqualTo(name);
		}
		// The internal location is not a way into the store, signed or not.
		assertThat(
				RunningSampleApp.get(this.proxy.uri("/internal-object-storage/" + BUCKET + "/hello.txt")).statusCode())
			.isEqualTo(404);
		// The objects are private: unsigned, the store refuses them, also through the
		// proxy's public dummy location. Only the check's presigned GET passes.
		assertThat(RunningSampleApp.get(this.store.endpoint().resolve("/" + BUCKET + "/hello.txt")).statusCode())
			.isEqualTo(403);
		assertThat(this.store.objectFile(BUCKET, DUMMY_KEY)).exists();
		HttpResponse<String> unsigned = RunningSampleApp.get(this.proxy.uri("/healthcheck-utils/dummy-file"));
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(unsigned.body()).contains("AccessDenied");
	}

	@Test
	void headOfADownloadThroughNginxIsPresignedForHead() throws Exception {
		// nginx sends a client's HEAD on to the store as HEAD, which a URL signed for GET
		// does not allow: the responder signs for the request's method.
		java.net.http.HttpResponse<Void> head = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(this.proxy.uri("/files/hello.txt"))
				.method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(28);
		assertThat(head.headers().firstValue("X-Accel-Redirect")).isEmpty();
	}

	@Test
	void viewSigningAHeadForGetTurnsEndToEndDown() throws Exception {
		// The sample's test configuration classes are component-scanned: the filter is
		// there, switched off.
		HeadAsGetFilter filter = this.app.bean(HeadAsGetFilter.class);
		filter.on(true);
		try {
			FaultRun.settled(this.app, Layer.END_TO_END);
			DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
			});
			CheckResult endToEnd = snapshot.results().get(Layer.END_TO_END);
			assertThat(endToEnd.symptom()).as(describe(snapshot)).isEqualTo(Symptom.HEAD_REFUSED);
			assertThat(endToEnd.reason()).contains("GET works but HEAD").contains("403").contains(this.storeName);
		}
		finally {
			filter.on(false);
		}
	}

	@Test
	void dummyObjectDeleted() throws Exception {
		DownloadHealthSnapshot snapshot = this.app
			.snapshotAfter(() -> Files.delete(this.store.objectFile(BUCKET, DUMMY_KEY)));
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		CheckResult storage = snapshot.results().get(Layer.STORAGE);
		assertThat(storage.symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(storage.reason()).contains("missing from " + this.storeName).contains("written again");
		assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("404").contains(this.storeName);
		assertThat(cause(snapshot)).isEqualTo(Cause.DUMMY_DELETED.id());
		DownloadHealthSnapshot next = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(next)).as(describe(next)).isEmpty();
		assertThat(this.store.objectFile(BUCKET, DUMMY_KEY)).exists();
	}

	@Test
	void dummyObjectAltered() throws Exception {
		DownloadHealthSnapshot snapshot = this.app
			.snapshotAfter(() -> Files.write(this.store.objectFile(BUCKET, DUMMY_KEY), new byte[16 * 1024]));
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		CheckResult storage = snapshot.results().get(Layer.STORAGE);
		assertThat(storage.symptom()).isEqualTo(Symptom.DUMMY_ALTERED);
		assertThat(storage.reason()).contains(this.storeName).contains("differs");
		assertThat(snapshot.results().get(Layer.END_TO_END).symptom()).isEqualTo(Symptom.WRONG_BYTES);
		// Restore for the next tests: an altered object is reported, never silently
		// rewritten.
		Files.delete(this.store.objectFile(BUCKET, DUMMY_KEY));
	}

	@Test
	void storeStoppedTurnsStorageProxyAndEndToEndDownNamingTheStore() throws Exception {
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(this.store::stop);
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.STORAGE).reason()).contains(this.storeName)
			.contains("endpoint unreachable");
		assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("502").contains(this.storeName);
		assertThat(snapshot.results().get(Layer.END_TO_END).reason()).contains("502").contains(this.storeName);
		FaultRun.of(snapshot).causeEverywhere(Cause.STORE_UNREACHABLE, this.storeName);
		JsonNode health = this.app.downloadHealth();
		assertThat(health.get("status").asString()).isEqualTo("DOWN");
		assertThat(health.get("components").get("backend").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void internalLocationForObjectsRemoved() throws Exception {
		this.proxy.close();
		this.proxy = this.proxyConfig.transform(
				(text) -> text.replaceAll("(?s)\n        location ~ \\^/internal-object-storage.*?\n        \\}", ""))
			.start();
		try {
			assertThat(this.proxy.configFile()).content().doesNotContain("internal-object-storage(");
			DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
			});
			assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
			assertThat(cause(snapshot)).isEqualTo(Cause.OBJECT_HAND_OFF_BROKEN.id());
			assertThat(snapshot.results().get(Layer.END_TO_END).details().get("fix").toString())
				.contains("/internal-object-storage")
				.contains("proxy_pass")
				.contains(this.storeName);
		}
		finally {
			this.proxy.close();
			this.proxy = this.proxyConfig.start();
		}
	}

	@Test
	void wrongSecretIsASignatureMismatch() throws Exception {
		try (RunningSampleApp wrong = RunningSampleApp.start(appProperties(BUCKET, "not-the-secret", this.proxyPort))) {
			DownloadHealthSnapshot snapshot = wrong.snapshotAfter(() -> {
			});
			CheckResult storage = snapshot.results().get(Layer.STORAGE);
			assertThat(storage.isDown()).as(describe(snapshot)).isTrue();
			assertThat(storage.reason()).contains(this.storeName)
				.contains("signature mismatch")
				.contains("wrong secret");
			// nginx passes the badly signed GET on, and the store refuses it.
			CheckResult proxy = snapshot.results().get(Layer.PROXY);
			assertThat(proxy.isDown()).isTrue();
			assertThat(proxy.reason()).contains("403").contains(this.storeName);
			assertThat(snapshot.results().get(Layer.BACKEND).isUp()).isTrue();
			assertThat(wrong.get("/actuator/health/download").body()).doesNotContain("not-the-secret");
		}
	}

	@Test
	void missingBucket() throws Exception {
		try (RunningSampleApp noBucket = RunningSampleApp
			.start(appProperties("no-such-bucket", S3ProxyServer.SECRET_KEY, this.proxyPort))) {
			DownloadHealthSnapshot snapshot = noBucket.snapshotAfter(() -> {
			});
			CheckResult storage = snapshot.results().get(Layer.STORAGE);
			assertThat(storage.isDown()).as(describe(snapshot)).isTrue();
			assertThat(storage.reason()).contains("S3 bucket 'no-such-bucket' at " + this.store.endpoint())
				.contains("bucket does not exist");
		}
	}

	@Test
	void presignedUrlExpiredOnTheWayToTheStore() throws Exception {
		int port = FreePorts.next();
		try (DelayingRelay slowNetwork = DelayingRelay.start(this.store.port(), Duration.ofMillis(2500))) {
			Map<String, String> properties = appProperties(BUCKET, S3ProxyServer.SECRET_KEY, port);
			properties.put("download.healthcheck.storage.s3.presign-validity", "1s");
			properties.put("download.healthcheck.timeout", "5s");
			properties.put("download.healthcheck.interval", "10s");
			try (RunningSampleApp shortLived = RunningSampleApp.start(properties);
					ReverseProxyServer slowNginx = nginx(port, shortLived.port(), slowNetwork.endpoint().toString(),
							"nginx-slow")
						// The store checks the Host it was signed for, whatever the
						// network in between.
						.replace("proxy_set_header Host $proxy_host;",
								"proxy_set_header Host 127.0.0.1:" + this.store.port() + ";")
						.start()) {
				DownloadHealthSnapshot snapshot = shortLived.snapshotAfter(() -> {
				});
				assertThat(downLayers(snapshot)).as(describe(snapshot))
					.containsExactlyInAnyOrder(Layer.PROXY, Layer.END_TO_END);
				assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("403")
					.contains(this.storeName)
					.contains("store said AccessDenied: Request has expired");
				assertThat(snapshot.results().get(Layer.END_TO_END).reason()).contains("403")
					.contains(this.storeName)
					.contains("store said AccessDenied: Request has expired");
			}
		}
	}

}
