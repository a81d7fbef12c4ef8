package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.harness.net.SilentServer;
import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix of docs/troubleshooting.md, run for real: the sample application
 * behind a real nginx on a real storage folder; each test injects one fault, takes the
 * first snapshot of a refresh started after it, and asserts the composite status, exactly
 * which layers are DOWN, their reasons and the diagnosis. One application and one nginx
 * serve every fault that can be undone; faults that need other properties start their
 * own. While a check hangs, the application's own endpoints must answer before the hung
 * check gives up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxFaultMatrixIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/**
	 * What the monitor adds to a check's timeout before it gives up on the check
	 * ({@code DownloadHealthMonitor.SAFETY_MARGIN}, private there): the product's bound
	 * on the duration a check result reports.
	 */
	private static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

	private static final String DUMMY = ".download-healthcheck/dummy.bin";

	/** The default {@code download.healthcheck.max-body-size}: 1 MB. */
	private static final long MAX_BODY_SIZE = 1024 * 1024;

	@TempDir
	static Path temp;

	private Path storage;

	private byte[] dummyBytes;

	private int proxyPort;

	private AppBehindProxy fixture;

	private RunningSampleApp app;

	private final List<AutoCloseable> undo = new CopyOnWriteArrayList<>();

	@BeforeAll
	void startApplicationAndNginx() throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.storage = Files.createDirectories(temp.resolve("storage"));
		Files.writeString(this.storage.resolve("hello.txt"), "hello through nginx\n");
		this.fixture = AppBehindProxy.start(ProxyKind.NGINX, this.storage,
				Files.createDirectories(temp.resolve("nginx")), (port) -> properties(this.storage, port),
				FailingViewFilter.Injection.class);
		this.proxyPort = this.fixture.proxyPort();
		this.app = this.fixture.app();
		this.dummyBytes = Files.readAllBytes(this.storage.resolve(DUMMY));
	}

	static Map<String, String> properties(Path storageRoot, int proxyPort) {
		Map<String, String> properties = AppBehindProxy.handOffProperties(storageRoot, "/internal-storage");
		properties.putAll(AppBehindProxy.checkProperties(proxyPort, INTERVAL, TIMEOUT));
		return properties;
	}

	@BeforeEach
	void everyLayerUpBeforeTheFault() throws Exception {
		FaultRun.settled(this.app);
	}

	@AfterEach
	void undoTheFault() throws Exception {
		for (AutoCloseable step : this.undo) {
			step.close();
		}
		this.undo.clear();
		this.fixture.restoreIfBroken();
	}

	@AfterAll
	void stopAll() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	// ---------------------------------------------------------------- storage

	@Test
	void storageRootMissing() throws Exception {
		Path away = temp.resolve("storage-away");
		FaultRun run = fault(() -> Files.move(this.storage, away), () -> Files.move(away, this.storage));
		run.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "is missing from folder " + this.storage, "storage root folder", "does not exist")
			.causeEverywhere(Cause.STORAGE_ROOT_MISSING, "mount or create the storage root of folder " + this.storage)
			.noLead(Layer.STORAGE, "read access", "readable");
		assertHealth(this.app, "storage", "proxy", "end-to-end");
		// The next refresh tries to write the dummy file again and says why it cannot.
		FaultRun.of(this.app.snapshotAfter(() -> {
		}))
			.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "writing it again failed", "does not exist")
			.causeEverywhere(Cause.STORAGE_ROOT_MISSING);
	}

	@Test
	void dummyReplacedByAFolder() throws Exception {
		Path dummy = this.storage.resolve(DUMMY);
		FaultRun run = fault(() -> {
			Files.delete(dummy);
			Files.createDirectory(dummy);
		}, () -> {
			Files.delete(dummy);
			restoreDummy();
		});
		run.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "something other than a file holds " + DUMMY)
			.causeEverywhere(Cause.DUMMY_PATH_TAKEN, "download.healthcheck.dummy.path")
			.noLead(Layer.STORAGE, "read access", "readable");
		assertThat(run.result(Layer.STORAGE).symptom()).isEqualTo(Symptom.STORAGE_ERROR);
		assertHealth(this.app, "storage", "proxy", "end-to-end");
	}

	@Test
	void dummyReplacedByAFifoThatHangsEveryRead() throws Exception {
		Path dummy = this.storage.resolve(DUMMY);
		Files.delete(dummy);
		mkfifo(dummy);
		this.undo.add(() -> {
			// A writer releases the readers blocked in open(); the real file then
			// replaces the FIFO.
			try (RandomAccessFile writer = new RandomAccessFile(dummy.toFile(), "rw")) {
				restoreDummy();
			}
		});
		FaultRun run = FaultRun.of(whileAChecksHangs(this.app, Layer.STORAGE, Layer.PROXY, Layer.END_TO_END));
		run.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "no answer from folder " + this.storage + " within 1s", "storage hangs")
			.causeEverywhere(Cause.STORAGE_HANGS, "folder " + this.storage);
		assertThat(run.result(Layer.STORAGE).symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(run.result(Layer.STORAGE).duration()).isLessThanOrEqualTo(TIMEOUT.plus(SAFETY_MARGIN));
		assertHealth(this.app, "storage", "proxy", "end-to-end");
	}

	@Test
	void dummyContentAltered() throws Exception {
		Path dummy = this.storage.resolve(DUMMY);
		FaultRun run = fault(() -> {
			byte[] altered = this.dummyBytes.clone();
			altered[100] ^= 0x55;
			writeWorldReadable(dummy, altered);
		}, this::restoreDummy);
		run.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "differs from the expected bytes", "delete it")
			.reason(Layer.PROXY, "body differs from the dummy file")
			.causeEverywhere(Cause.DUMMY_ALTERED, "download.healthcheck.dummy")
			.noLead(Layer.PROXY, "alias");
		assertThat(run.result(Layer.STORAGE).symptom()).isEqualTo(Symptom.DUMMY_ALTERED);
		assertHealth(this.app, "storage", "proxy", "end-to-end");
	}

	@Test
	void dummyDeletedAfterStartUpIsWrittenAgain() throws Exception {
		Path dummy = this.storage.resolve(DUMMY);
		FaultRun run = FaultRun.of(this.app.snapshotAfter(() -> Files.delete(dummy)));
		run.down(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.STORAGE, "is missing", "written again before the next check")
			.causeEverywhere(Cause.DUMMY_DELETED, "the next check writes the dummy file again");
		FaultRun.of(this.app.snapshotAfter(() -> {
		})).down();
		assertThat(dummy).hasBinaryContent(this.dummyBytes);
	}

	// ---------------------------------------------------------------- application

	@Test
	void sendfileSwitchedOff() throws Exception {
		withOwnAppAndNginx(Map.of("download.sendfile.enabled", "false"), UnaryOperator.identity(), (own) -> {
			FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
			}));
			run.down(Layer.BACKEND)
				.reason(Layer.BACKEND, "streamed the dummy file itself", "download.sendfile.enabled=false")
				.cause(Layer.BACKEND, Cause.HAND_OFF_DISABLED, "download.sendfile.enabled=true")
				.noLead(Layer.BACKEND, "download.sendfile.rules")
				.noCause();
			assertThat(run.result(Layer.BACKEND).symptom()).isEqualTo(Symptom.STREAMED_BY_APPLICATION);
			assertHealth(own, "backend");
		});
	}

	@Test
	void noRuleCoversTheStorageRoot() throws Exception {
		Path other = Files.createDirectories(temp.resolve("other-folder"));
		withOwnAppAndNginx(Map.of("download.sendfile.rules[0].source", other.toString(),
				"download.healthcheck.storage.root", this.storage.toString()), UnaryOperator.identity(), (own) -> {
					FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
					}));
					run.down(Layer.BACKEND)
						.reason(Layer.BACKEND, "streamed the dummy file itself", "no sendfile rule covers",
								"sources tried: " + other)
						.cause(Layer.BACKEND, Cause.NO_RULE_FOR_STORAGE, "download.sendfile.rules[n].source",
								this.storage.toString())
						.noLead(Layer.BACKEND, "download.sendfile.enabled")
						.noCause();
					assertHealth(own, "backend");
				});
	}

	@Test
	void ruleDestinationDiffersFromTheInternalLocation() throws Exception {
		withOwnAppAndNginx(Map.of("download.sendfile.rules[0].destination", "/other-storage"), UnaryOperator.identity(),
				(own) -> {
					FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
					}));
					run.down(Layer.END_TO_END)
						.reason(Layer.END_TO_END, "answered 404 instead of 200")
						// The hand-off URI fell through to the application, whose own 404
						// came back: no internal location matches it.
						.cause(Layer.END_TO_END, Cause.HAND_OFF_TARGET_MISSING,
								"location /other-storage/ { internal; alias " + this.storage + "/; }")
						.alternative(Layer.END_TO_END, "download.sendfile.rules[n].destination")
						.noLead(Layer.END_TO_END, "proxy_ignore_headers", "finds no file");
					assertThat(run.result(Layer.END_TO_END).seen()).containsEntry("bodyFrom", "application");
					assertHealth(own, "end-to-end");
				});
	}

	@Test
	void healthcheckViewAnswers500() throws Exception {
		FailingViewFilter filter = this.app.bean(FailingViewFilter.class);
		FaultRun run = fault(() -> filter.failing(true), () -> filter.failing(false));
		run.down(Layer.BACKEND, Layer.END_TO_END)
			.reason(Layer.BACKEND, "healthcheck view answered 500 instead of 200", "application's log")
			.causeEverywhere(Cause.VIEW_FAILING, "the error the application logged");
		assertHealth(this.app, "backend", "end-to-end");
	}

	@Test
	void healthcheckViewMoved() throws Exception {
		int appPort = FreePorts.next();
		withOwnAppAndNginx(
				Map.of("server.port", Integer.toString(appPort), "download.healthcheck.view.path", "/moved-view/",
						"download.healthcheck.backend.url",
						"http://127.0.0.1:" + appPort + "/healthcheck-utils/download/"),
				UnaryOperator.identity(), (own) -> {
					FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
					}));
					run.down(Layer.BACKEND, Layer.END_TO_END)
						.reason(Layer.BACKEND, "answered 404", "download.healthcheck.view.path")
						.causeEverywhere(Cause.VIEW_NOT_FOUND, "download.healthcheck.backend.url")
						.alternative(Layer.BACKEND, "download.healthcheck.view.path");
					assertThat(own.get("/moved-view/").headers().firstValue("X-Accel-Redirect"))
						.hasValue("/internal-storage/" + DUMMY);
					assertHealth(own, "backend", "end-to-end");
				});
	}

	// ---------------------------------------------------------------- proxy

	@Test
	void proxyNotRunning() throws Exception {
		FaultRun run = fault(() -> this.fixture.proxy().stop(), () -> {
		});
		run.down(Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.PROXY, "connection refused by http://127.0.0.1:" + this.proxyPort)
			.causeEverywhere(Cause.PROXY_UNREACHABLE, "start the proxy")
			.cause(Layer.PROXY, Cause.PROXY_UNREACHABLE, "download.healthcheck.proxy.url")
			// Each layer names its own URL: end-to-end's is not proxy.url.
			.cause(Layer.END_TO_END, Cause.PROXY_UNREACHABLE, "download.healthcheck.end-to-end.url")
			.noLead(Layer.END_TO_END, "download.healthcheck.proxy.url");
		assertHealth(this.app, "proxy", "end-to-end");
	}

	@Test
	void proxyAcceptsConnectionsAndNeverAnswers() throws Exception {
		this.fixture.proxy().stop();
		SilentServer silent = new SilentServer(this.proxyPort);
		this.undo.add(silent);
		FaultRun run = FaultRun.of(whileAChecksHangs(this.app, Layer.PROXY, Layer.END_TO_END));
		run.down(Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.PROXY, "no complete answer from http://127.0.0.1:" + this.proxyPort, "within 1s")
			.causeEverywhere(Cause.PROXY_UNRESPONSIVE, "sent no headers in time");
		assertThat(run.result(Layer.PROXY).duration()).isLessThanOrEqualTo(TIMEOUT.plus(SAFETY_MARGIN));
		// The checks' connections reached the silent proxy: it hung them, not something
		// before it.
		await("the silent proxy accepting the checks' connections").atMost(Duration.ofSeconds(30))
			.until(silent::accepted);
		assertHealth(this.app, "proxy", "end-to-end");
	}

	@Test
	void proxyTricklesTheBody() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("location = /healthcheck-utils/dummy-file {",
				"location = /healthcheck-utils/dummy-file {\n            limit_rate 1k;"));
		run.down(Layer.PROXY)
			.reason(Layer.PROXY, "answered 200 but sent only", "body bytes within 1s: the body trickles")
			.cause(Layer.PROXY, Cause.PROXY_BODY_THROTTLED, "remove limit_rate")
			.noCause();
		assertThat(run.result(Layer.PROXY).symptom()).isEqualTo(Symptom.TIMEOUT);
		assertHealth(this.app, "proxy");
	}

	@Test
	void proxyAnswers504ForTheDummyLocation() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("location = /healthcheck-utils/dummy-file {",
				"location = /healthcheck-utils/dummy-file {\n            return 504;"));
		run.down(Layer.PROXY)
			.reason(Layer.PROXY, "proxy answered 504 instead of 200", "could not complete")
			.cause(Layer.PROXY, Cause.PROXY_LOCATION_FAILS, "serve the dummy file's location from storage")
			.noCause();
		assertHealth(this.app, "proxy");
	}

	@Test
	void proxyWithADeadUpstreamAnswers502() throws Exception {
		int dead = FreePorts.next();
		FaultRun run = nginxFault((text) -> text.replace("proxy_pass http://127.0.0.1:" + this.app.port() + ";",
				"proxy_pass http://127.0.0.1:" + dead + ";"));
		run.down(Layer.END_TO_END)
			.reason(Layer.END_TO_END, "answered 502 instead of 200")
			.cause(Layer.END_TO_END, Cause.UPSTREAM_UNREACHABLE,
					"proxy_pass http://127.0.0.1:" + this.app.port() + ";");
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void storageAliasWrong() throws Exception {
		Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
		FaultRun run = nginxFault((text) -> text.replace("alias " + this.storage + "/", "alias " + elsewhere + "/"));
		run.down(Layer.PROXY, Layer.END_TO_END)
			.reason(Layer.PROXY, "404", "alias or root")
			.cause(Layer.PROXY, Cause.PROXY_STORAGE_PATH_WRONG, "alias of the dummy file's location")
			.cause(Layer.END_TO_END, Cause.PROXY_STORAGE_PATH_WRONG,
					"location /internal-storage/ { internal; alias " + this.storage + "/; }")
			.noLead(Layer.PROXY, "read access")
			.noLead(Layer.END_TO_END, "read access", "proxy_ignore_headers");
		assertHealth(this.app, "proxy", "end-to-end");
	}

	@Test
	void internalLocationMissing() throws Exception {
		FaultRun run = nginxFault(
				(text) -> text.replaceAll("(?s)location /internal-storage/ \\{.*?\\n        \\}", ""));
		run.down(Layer.END_TO_END)
			.reason(Layer.END_TO_END, "answered 404")
			// nginx passed the hand-off URI to the application (location /), whose own
			// 404 came back: not "the proxy finds no file".
			.cause(Layer.END_TO_END, Cause.HAND_OFF_TARGET_MISSING,
					"location /internal-storage/ { internal; alias " + this.storage + "/; }")
			.alternative(Layer.END_TO_END, "download.sendfile.rules[n].destination")
			.noLead(Layer.END_TO_END, "proxy_ignore_headers", "finds no file");
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void proxyIgnoresXAccelRedirect() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("proxy_pass http://127.0.0.1:" + this.app.port() + ";",
				"proxy_pass http://127.0.0.1:" + this.app.port()
						+ ";\n            proxy_ignore_headers X-Accel-Redirect;"));
		run.down(Layer.END_TO_END)
			.reason(Layer.END_TO_END, "200 with an empty body")
			.cause(Layer.END_TO_END, Cause.HAND_OFF_IGNORED, "proxy_ignore_headers")
			.noLead(Layer.END_TO_END, "location /internal-storage/", "alias");
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void proxyRedirectsTheHealthcheckView() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("        location / {",
				"        location = /healthcheck-utils/download/ {\n            return 301 /healthcheck-utils/download/moved;\n"
						+ "        }\n\n        location / {"));
		run.down(Layer.END_TO_END)
			.reason(Layer.END_TO_END, "answered 301 redirect to", "/healthcheck-utils/download/moved", "not followed")
			.cause(Layer.END_TO_END, Cause.REDIRECTED, "download.healthcheck.end-to-end.url",
					"/healthcheck-utils/download/moved");
		assertThat(run.result(Layer.END_TO_END).symptom()).isEqualTo(Symptom.REDIRECT);
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void proxyServesABodyFarLargerThanTheCap() throws Exception {
		Path big = Files.createDirectories(temp.resolve("big")).resolve("big.bin");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			// Sparse: 256 MB for nginx to serve, nothing for the disk to hold.
			file.setLength(256L * 1024 * 1024);
		}
		Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-r--r--"));
		FaultRun run = nginxFault(
				(text) -> text.replace("alias " + this.storage + "/" + DUMMY + ";", "alias " + big + ";"));
		run.down(Layer.PROXY)
			.reason(Layer.PROXY, "body is larger than", "download.healthcheck.max-body-size", "not the dummy file")
			.cause(Layer.PROXY, Cause.PROXY_SERVES_OTHER_FILE, "alias of the dummy file's location")
			.noLead(Layer.PROXY, "readable", "read access")
			.noCause();
		// BODY_TOO_LARGE, not TIMEOUT: the check finished within its timeout, having read
		// the cap and one chunk more, not the 256 MB.
		assertThat(run.result(Layer.PROXY).symptom()).isEqualTo(Symptom.BODY_TOO_LARGE);
		Matcher read = Pattern.compile("larger than (\\d+) bytes").matcher(run.result(Layer.PROXY).reason());
		assertThat(read.find()).as(run.result(Layer.PROXY).reason()).isTrue();
		assertThat(Long.parseLong(read.group(1))).isBetween(MAX_BODY_SIZE + 1, 2 * MAX_BODY_SIZE);
		assertHealth(this.app, "proxy");
	}

	@Test
	void proxyHostNameDoesNotResolve() throws Exception {
		Map<String, String> properties = properties(this.storage, this.proxyPort);
		properties.put("download.healthcheck.proxy.url",
				"http://download-healthcheck.invalid:" + this.proxyPort + "/healthcheck-utils/dummy-file");
		properties.put("download.healthcheck.end-to-end.url",
				"http://download-healthcheck.invalid:" + this.proxyPort + "/healthcheck-utils/download/");
		try (RunningSampleApp own = RunningSampleApp.start(properties)) {
			FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
			}));
			run.down(Layer.PROXY, Layer.END_TO_END)
				.reason(Layer.PROXY, "host name of http://download-healthcheck.invalid:", "does not resolve")
				.causeEverywhere(Cause.PROXY_HOST_UNKNOWN, "download.healthcheck.proxy.url");
			assertHealth(own, "proxy", "end-to-end");
		}
	}

	@Test
	void proxyWithASelfSignedCertificate() throws Exception {
		Path tls = Files.createDirectories(temp.resolve("tls"));
		selfSignedCertificate(tls);
		int tlsPort = FreePorts.next();
		Map<String, String> properties = properties(this.storage, tlsPort);
		properties
			.replaceAll((name, value) -> value.replace("http://127.0.0.1:" + tlsPort, "https://127.0.0.1:" + tlsPort));
		try (RunningSampleApp own = RunningSampleApp.start(properties);
				ReverseProxyServer nginx = ProxyConfig
					.render(ProxyKind.NGINX,
							new ProxyConfig.Values(tlsPort, own.port(), this.storage,
									Files.createDirectories(temp.resolve("nginx-tls"))))
					.replace("listen 127.0.0.1:" + tlsPort + ";",
							"listen 127.0.0.1:" + tlsPort + " ssl;\n" + "        ssl_certificate "
									+ tls.resolve("cert.pem") + ";\n        ssl_certificate_key "
									+ tls.resolve("key.pem") + ";")
					.start()) {
			assertThat(nginx.isAlive()).isTrue();
			FaultRun run = FaultRun.of(own.snapshotAfter(() -> {
			}));
			run.down(Layer.PROXY, Layer.END_TO_END)
				.reason(Layer.PROXY, "TLS handshake with https://127.0.0.1:" + tlsPort, "self-signed or untrusted",
						"download.healthcheck.ssl-bundle")
				.causeEverywhere(Cause.PROXY_CERTIFICATE_UNTRUSTED, "download.healthcheck.ssl-bundle");
			JsonNode health = assertHealth(own, "proxy", "end-to-end");
			assertThat(health.toString()).doesNotContain("Exception").doesNotContain("\\tat ").doesNotContain("\\n");
		}
	}

	@Test
	void routeToTheApplicationHangs() throws Exception {
		SilentServer hop = new SilentServer(FreePorts.next());
		int hopPort = hop.port();
		this.undo.add(hop);
		FaultRun run = nginxFault((text) -> text.replace("proxy_pass http://127.0.0.1:" + this.app.port() + ";",
				"proxy_pass http://127.0.0.1:" + hopPort + ";"));
		// The application answers at once when called directly; through the proxy no
		// headers come: the route, not the hand-off, and nothing in the proxy's error
		// log.
		run.down(Layer.END_TO_END)
			.cause(Layer.END_TO_END, Cause.UPSTREAM_SLOW, "proxy_pass http://127.0.0.1:" + this.app.port() + ";")
			.noLead(Layer.END_TO_END, "error log", "proxy_ignore_headers", "internal;");
		assertThat(run.result(Layer.END_TO_END).seen()).containsEntry("late", "headers");
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void proxyPassesTheViewToAnotherPath() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("proxy_pass http://127.0.0.1:" + this.app.port() + ";",
				"proxy_pass http://127.0.0.1:" + this.app.port() + "/elsewhere/;"));
		run.down(Layer.END_TO_END)
			.cause(Layer.END_TO_END, Cause.VIEW_ROUTE_WRONG, "proxy_pass http://127.0.0.1:" + this.app.port() + ";")
			.alternative(Layer.END_TO_END, "download.healthcheck.end-to-end.url")
			.noLead(Layer.END_TO_END, "internal;", "proxy_ignore_headers");
		assertThat(run.result(Layer.END_TO_END).seen()).containsEntry("bodyFrom", "application");
		assertHealth(this.app, "end-to-end");
	}

	@Test
	void storageUnreadableForTheProxysWorkerUser() throws Exception {
		// The application (root here) still reads; nginx's workers (nobody) may not.
		FaultRun run = fault(
				() -> Files.setPosixFilePermissions(this.storage, PosixFilePermissions.fromString("rwx------")),
				() -> Files.setPosixFilePermissions(this.storage, PosixFilePermissions.fromString("rwxr-xr-x")));
		run.down(Layer.PROXY, Layer.END_TO_END)
			.causeEverywhere(Cause.PROXY_STORAGE_PERMISSION, "read access", "folder " + this.storage)
			.noLead(Layer.PROXY, "alias")
			.noLead(Layer.END_TO_END, "alias", "proxy_ignore_headers");
		assertHealth(this.app, "proxy", "end-to-end");
	}

	@Test
	void internalLocationServesAnotherFolder() throws Exception {
		Path replica = Files.createDirectories(temp.resolve("replica").resolve(".download-healthcheck"));
		writeWorldReadable(replica.resolve("dummy.bin"), "another replica's dummy file".getBytes());
		FaultRun run = nginxFault(
				(text) -> text.replace("alias " + this.storage + "/;", "alias " + replica.getParent() + "/;"));
		run.down(Layer.END_TO_END)
			.cause(Layer.END_TO_END, Cause.HAND_OFF_SERVES_OTHER_BYTES,
					"location /internal-storage/ { internal; alias " + this.storage + "/; }")
			.noLead(Layer.END_TO_END, "proxy_ignore_headers", "readable");
		assertHealth(this.app, "end-to-end");
	}

	// ---------------------------------------------------------------- security

	@Test
	void internalLocationReachableFromOutside() throws Exception {
		FaultRun run = nginxFault((text) -> text.replace("            internal;\n", ""));
		// A finding, not an outage: downloads work, and taking the instance out of
		// service would mend nothing.
		run.down().noCause();
		assertThat(run.result(Layer.PROXY).finding()).isNotNull()
			.satisfies((report) -> assertThat(report.finding()).isEqualTo(Finding.STORAGE_EXPOSED));
		JsonNode health = this.app.downloadHealth();
		assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("UP");
		assertThat(this.app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		JsonNode finding = health.get("components").get("proxy").get("details").get("finding");
		assertThat(finding.get("id").asString()).isEqualTo("storage-exposed");
		assertThat(finding.get("reason").asString()).contains("storage exposed publicly",
				"GET http://127.0.0.1:" + this.proxyPort + "/internal-storage/" + DUMMY);
		assertThat(finding.get("fix").asString()).contains("/internal-storage/" + DUMMY, "internal;");
		assertThat(this.app.get("/actuator/prometheus").body())
			.containsPattern("download_healthcheck_finding\\{[^}]*finding=\"storage-exposed\"[^}]*\\} 1\\.0");
	}

	// ---------------------------------------------------------------- helpers

	private FaultRun fault(RunningSampleApp.ThrowingRunnable inject, AutoCloseable undoIt) throws Exception {
		this.undo.add(undoIt);
		return FaultRun.of(this.app.snapshotAfter(inject));
	}

	private FaultRun nginxFault(UnaryOperator<String> change) throws Exception {
		ProxyConfig broken = this.fixture.intact().transform(change);
		assertThat(broken.text()).as("the fault changes the config").isNotEqualTo(this.fixture.intact().text());
		return FaultRun.of(this.app.snapshotAfter(() -> this.fixture.restart(broken)));
	}

	/**
	 * Calls the application's own endpoints while the checks of a refresh started after
	 * the fault hang, and returns that refresh's snapshot. The answers must all come
	 * before the hung checks give up at their timeout: if a loaded machine delays them
	 * past it, the next refresh hangs the same way and they are asked again. An
	 * application whose answers waited for the checks would never answer in time.
	 */
	private DownloadHealthSnapshot whileAChecksHangs(RunningSampleApp target, Layer... down) {
		AtomicReference<DownloadHealthSnapshot> hung = new AtomicReference<>();
		await("the application answering while a check hangs").atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> answeredWhileTheChecksHung(target, hung) && onlyDown(hung.get(), down));
		return hung.get();
	}

	/**
	 * Whether only the faulted layers are down: on a loaded machine the application's own
	 * view, called while the hung checks hold connections, can miss the 1s timeout once,
	 * which is not the fault under test; the next refresh is asked then.
	 */
	private static boolean onlyDown(DownloadHealthSnapshot snapshot, Layer... down) {
		try {
			FaultRun.of(snapshot).down(down);
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	private boolean answeredWhileTheChecksHung(RunningSampleApp target, AtomicReference<DownloadHealthSnapshot> hung)
			throws Exception {
		long before = target.monitor().refreshCount();
		CompletableFuture<DownloadHealthSnapshot> snapshot = CompletableFuture.supplyAsync(() -> {
			try {
				return target.snapshotAfter(() -> {
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await("a refresh started after the fault").atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> target.monitor().refreshCount() > before);
		HttpResponse<String> ping = target.get("/actuator/health/ping");
		HttpResponse<String> download = target.get("/files/hello.txt");
		JsonNode health = target.downloadHealth();
		boolean checksStillHung = !snapshot.isDone();
		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("X-Accel-Redirect")).hasValue("/internal-storage/hello.txt");
		assertThat(health.get("components").propertyNames()).as(health.toString())
			.containsExactlyInAnyOrder("storage", "backend", "proxy", "end-to-end");
		hung.set(snapshot.get(30, TimeUnit.SECONDS));
		return checksStillHung;
	}

	private void withOwnAppAndNginx(Map<String, String> overrides, UnaryOperator<String> nginxChange,
			ThrowingConsumer<RunningSampleApp> test) throws Exception {
		int port = FreePorts.next();
		Map<String, String> properties = properties(this.storage, port);
		properties.putAll(overrides);
		try (RunningSampleApp own = RunningSampleApp.start(properties);
				ReverseProxyServer nginx = ProxyConfig
					.render(ProxyKind.NGINX,
							new ProxyConfig.Values(port, own.port(), this.storage,
									Files.createTempDirectory(temp, "nginx-own")))
					.transform(nginxChange)
					.start()) {
			assertThat(nginx.isAlive()).isTrue();
			test.accept(own);
		}
	}

	/**
	 * {@code /actuator/health/download} with the composite status and exactly these
	 * components DOWN.
	 */
	private JsonNode assertHealth(RunningSampleApp target, String... down) throws Exception {
		JsonNode health = target.downloadHealth();
		assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("DOWN");
		assertThat(FaultRun.downComponents(health)).as(health.toString()).containsExactlyInAnyOrder(down);
		return health;
	}

	private void restoreDummy() throws IOException {
		writeWorldReadable(this.storage.resolve(DUMMY), this.dummyBytes);
	}

	private static void writeWorldReadable(Path target, byte[] content) throws IOException {
		Path temporary = Files.createTempFile(target.getParent(), "restore", ".tmp");
		Files.write(temporary, content);
		Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void mkfifo(Path path) throws Exception {
		run(List.of("mkfifo", "-m", "644", path.toString()), "coreutils");
	}

	private static void selfSignedCertificate(Path folder) throws Exception {
		run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
				"-keyout", folder.resolve("key.pem").toString(), "-out", folder.resolve("cert.pem").toString()),
				"openssl");
	}

	private static void run(List<String> command, String debianPackage) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(command.get(0) + " is missing: apt-get install -y " + debianPackage, ex);
		}
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws Exception;

	}

}
