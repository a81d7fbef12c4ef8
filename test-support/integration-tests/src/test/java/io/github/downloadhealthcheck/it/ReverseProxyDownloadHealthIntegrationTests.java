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
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.util.UriUtils;

import io.github.downloadhealthcheck.harness.net.SilentServer;
import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static io.github.downloadhealthcheck.it.Snapshots.describe;
import static io.github.downloadhealthcheck.it.Snapshots.downLayers;
import static io.github.downloadhealthcheck.it.Snapshots.cause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application behind one real reverse proxy: all four layers up, then one
 * layer broken at a time, the way that proxy breaks, asserting exactly which components
 * go down and that the diagnosis names the proxy's own setting. One subclass per
 * {@link ProxyKind} says how its proxy is broken and what the fix must name; everything
 * else is shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReverseProxyDownloadHealthIntegrationTests {

	static final Duration INTERVAL = Duration.ofSeconds(2);

	static final Duration TIMEOUT = Duration.ofSeconds(1);

	@TempDir
	static Path temp;

	/**
	 * A file name every proxy must get right: a space, '%', '+', '&' and a non-ASCII
	 * letter.
	 */
	private static final String AWKWARD_NAME = "100% a+b&c \u00e9.txt";

	Path storage;

	@AutoClose
	private AppBehindProxy fixture;

	RunningSampleApp app;

	ProxyConfig proxyConfig;

	private boolean broken;

	/**
	 * The proxy under test.
	 */
	abstract ProxyKind kind();

	/**
	 * The config with the hand-off switched off the way this proxy switches it off.
	 */
	abstract ProxyConfig handOffSwitchedOff(ProxyConfig intact);

	/**
	 * What the end-to-end reason and fix must name when the hand-off is switched off.
	 */
	abstract String handOffSwitchSetting();

	/**
	 * The config with the folder (or internal location) the proxy takes handed-off files
	 * from pointed elsewhere, the public dummy location left intact.
	 */
	abstract ProxyConfig allowedFolderElsewhere(ProxyConfig intact, Path elsewhere);

	/**
	 * What the fix must name when the allowed folder is wrong.
	 */
	abstract String allowedFolderSetting();

	/**
	 * A whole config around the snippet the application renders: what the snippet leaves
	 * to the operator (process, logs, temp folders, modules), kept inside the work
	 * folder.
	 */
	abstract String aroundSnippet(String snippet, Path workDir);

	/**
	 * What the client gets when the hand-off is switched off: Apache and Caddy let the
	 * header through, nginx and lighttpd answer an empty body.
	 */
	abstract Symptom switchedOffSymptom();

	@BeforeAll
	void startApplicationAndProxy() throws Exception {
		// As root, the proxy's workers run as nobody: the folders on the way must be
		// searchable.
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.storage = Files.createDirectories(temp.resolve("storage"));
		Files.writeString(this.storage.resolve("hello.txt"), "hello through " + kind() + "\n");
		Files.writeString(this.storage.resolve(AWKWARD_NAME), "awkward name through " + kind() + "\n");
		this.fixture = AppBehindProxy.start(kind(), this.storage,
				Files.createDirectories(temp.resolve(kind().binaryName())),
				(proxyPort) -> appProperties(this.storage, true, proxyPort));
		this.app = this.fixture.app();
		this.proxyConfig = this.fixture.intact();
	}

	private Map<String, String> appProperties(Path storageRoot, boolean withRule, int proxyPort) {
		Map<String, String> properties;
		if (withRule) {
			properties = AppBehindProxy.handOffProperties(storageRoot, kind().handOffDestination(storageRoot));
		}
		else {
			properties = new LinkedHashMap<>();
			properties.put("download.healthcheck.storage.root", storageRoot.toString());
		}
		properties.put("download.sendfile.server", serverId());
		properties.putAll(AppBehindProxy.checkProperties(proxyPort, INTERVAL, TIMEOUT));
		return properties;
	}

	@AfterEach
	void restoreProxy() throws Exception {
		// A test that broke the config leaves the broken proxy running: every test starts
		// intact.
		if (this.broken) {
			this.broken = false;
			this.fixture.restart(this.proxyConfig);
		}
		this.fixture.restoreIfBroken();
	}

	@Test
	void allFourLayersUp() throws Exception {
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).isEmpty();
		JsonNode health = this.app.downloadHealth();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactlyInAnyOrder("storage", "backend", "proxy",
				"end-to-end");
		JsonNode backend = health.get("components").get("backend").get("details");
		assertThat(backend.get("seen").get(kind().handOffHeader()).asString())
			.isEqualTo(kind().handOffValue(this.storage, ".download-healthcheck/dummy.bin"));
		assertThat(backend.get("requested").asString()).startsWith("GET http://127.0.0.1:" + this.app.port());
		JsonNode endToEnd = health.get("components").get("end-to-end").get("details");
		assertThat(endToEnd.get("seen").get("sha256").asString())
			.isEqualTo(endToEnd.get("expected").get("sha256").asString());
		assertThat(this.app.get("/actuator/health/download/end-to-end").statusCode()).isEqualTo(200);
	}

	@Test
	void realDownloadIsHandedOff() throws Exception {
		HttpResponse<byte[]> direct = RunningSampleApp.getBytes(this.app.uri("/files/hello.txt"));
		assertThat(direct.body()).isEmpty();
		assertThat(direct.headers().firstValue(kind().handOffHeader()))
			.hasValue(kind().handOffValue(this.storage, "hello.txt"));
		// The traps the application can avoid: Apache needs the type from it, lighttpd
		// would forward an encoding the file does not have.
		assertThat(direct.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(direct.headers().firstValue("Content-Encoding")).isEmpty();
		// Ranges are the proxy's to announce: nginx passes the application's on and adds
		// its own.
		assertThat(direct.headers().allValues("Accept-Ranges")).isEmpty();
		HttpResponse<byte[]> viaProxy = RunningSampleApp.getBytes(this.fixture.proxy().uri("/files/hello.txt"));
		assertThat(viaProxy.statusCode()).as(this.fixture.proxy().log()).isEqualTo(200);
		assertThat(viaProxy.headers().allValues("Accept-Ranges")).hasSizeLessThanOrEqualTo(1);
		assertThat(new String(viaProxy.body(), StandardCharsets.UTF_8)).isEqualTo("hello through " + kind() + "\n");
		assertThat(viaProxy.headers().firstValue(kind().handOffHeader())).isEmpty();
		assertThat(viaProxy.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"hello.txt\"");
		// Apache sends no Content-Type at all unless the application names one.
		assertThat(viaProxy.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
		assertThat(RunningSampleApp.get(this.fixture.proxy().uri("/files/..%2f..%2fetc%2fpasswd")).statusCode())
			.isNotEqualTo(200);
	}

	@Test
	void missingFileIsNotFoundWithoutAHandOff() throws Exception {
		HttpResponse<byte[]> direct = RunningSampleApp.getBytes(this.app.uri("/files/no-such-file.txt"));
		assertThat(direct.statusCode()).isEqualTo(404);
		assertThat(direct.headers().firstValue(kind().handOffHeader())).isEmpty();
		HttpResponse<byte[]> viaProxy = RunningSampleApp.getBytes(this.fixture.proxy().uri("/files/no-such-file.txt"));
		assertThat(viaProxy.statusCode()).isEqualTo(404);
	}

	@Test
	void awkwardNameIsHandedOffInTheValueFormatOfTheProxy() throws Exception {
		String encoded = ProxyKind.percentEncodePath(AWKWARD_NAME);
		HttpResponse<byte[]> direct = RunningSampleApp.getBytes(this.app.uri("/files/" + encoded));
		String sent = direct.headers().firstValue(kind().handOffHeader()).orElseThrow();
		String verified = kind().handOffValue(this.storage, AWKWARD_NAME);
		if (kind().percentEncodesHandOff()) {
			// Percent-encoded (which characters are encoded may differ): the same once
			// decoded.
			assertThat(sent).matches("\\p{ASCII}+");
			assertThat(UriUtils.decode(sent, StandardCharsets.UTF_8))
				.isEqualTo(UriUtils.decode(verified, StandardCharsets.UTF_8));
		}
		else {
			// Raw: Tomcat writes header values as ISO-8859-1, so the UTF-8 bytes arrive
			// as such.
			assertThat(sent)
				.isEqualTo(new String(verified.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
		}
		HttpResponse<byte[]> viaProxy = RunningSampleApp.getBytes(this.fixture.proxy().uri("/files/" + encoded));
		assertThat(viaProxy.statusCode()).as(this.fixture.proxy().log()).isEqualTo(200);
		assertThat(new String(viaProxy.body(), StandardCharsets.UTF_8))
			.isEqualTo("awkward name through " + kind() + "\n");
		assertThat(viaProxy.headers().firstValue("Content-Disposition")).get()
			.asString()
			.contains("filename*=UTF-8''100%25%20a+b&c%20%C3%A9.txt");
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
			assertThat(series)
				.anySatisfy((line) -> assertThat(line).contains("layer=\"" + layer.id() + "\"").endsWith(" 1.0"));
		}
		assertThat(scrape).contains("download_healthcheck_duration_seconds_count{")
			.contains("download_healthcheck_last_success_seconds{")
			.contains("download_healthcheck_snapshot_age_seconds");
	}

	@Test
	void dummyRemovedFromStorage() throws Exception {
		Path dummy = this.storage.resolve(".download-healthcheck/dummy.bin");
		// The first refresh writes the dummy file: when this test runs first, it must not
		// delete before that write, which would then undo the delete. A refresh only to
		// wait would make the proxy read the file just before it goes, and lighttpd's
		// stat
		// cache then still serves it.
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dummy));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> Files.delete(dummy));
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.STORAGE).symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(snapshot.results().get(Layer.STORAGE).reason()).contains("missing").contains("written again");
		assertThat(cause(snapshot)).isEqualTo(Cause.DUMMY_DELETED.id());
		// The next refresh writes the dummy file again before any layer looks.
		DownloadHealthSnapshot next = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(next)).as(describe(next)).isEmpty();
		assertThat(dummy).exists();
	}

	@Test
	void storageAliasPointedElsewhere() throws Exception {
		Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
		// Every place of the config naming the storage: the dummy location and the
		// hand-off target.
		restartProxy(this.proxyConfig.transform((text) -> text.replace(this.storage.toString(), elsewhere.toString())));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot))
			.containsExactlyInAnyOrder(Layer.PROXY, Layer.END_TO_END);
		assertThat(snapshot.results().get(Layer.PROXY).reason()).contains("404").contains("alias");
		FaultRun.of(snapshot)
			.causeEverywhere(Cause.PROXY_STORAGE_PATH_WRONG)
			.cause(Layer.END_TO_END, Cause.PROXY_STORAGE_PATH_WRONG, allowedFolderSetting())
			.noLead(Layer.PROXY, "read access")
			.noLead(Layer.END_TO_END, otherThan(allowedFolderSetting(), "read access", handOffSwitchSetting()));
	}

	@Test
	void proxyConfiguredFromTheDownloadproxyEndpointServesAllFourLayers() throws Exception {
		HttpResponse<String> response = this.app.get("/actuator/downloadproxy/" + serverId());
		assertThat(response.statusCode()).isEqualTo(200);
		String snippet = response.body();
		assertThat(snippet).contains(this.storage.toString())
			.contains(Integer.toString(this.app.port()))
			.contains(Integer.toString(this.fixture.proxyPort()));
		Path workDir = Files.createDirectories(temp.resolve(kind().binaryName() + "-from-snippet"));
		this.broken = true;
		this.fixture.restart(() -> ReverseProxyServer.start(kind(), aroundSnippet(snippet, workDir), workDir,
				this.fixture.proxyPort()));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot) + "\n" + snippet).isEmpty();
		HttpResponse<byte[]> viaProxy = RunningSampleApp.getBytes(this.fixture.proxy().uri("/files/hello.txt"));
		assertThat(new String(viaProxy.body(), StandardCharsets.UTF_8)).isEqualTo("hello through " + kind() + "\n");
	}

	private String serverId() {
		return kind().name().toLowerCase(java.util.Locale.ROOT);
	}

	@Test
	void handOffSwitchedOffInTheProxy() throws Exception {
		restartProxy(handOffSwitchedOff(this.proxyConfig));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
		CheckResult endToEnd = snapshot.results().get(Layer.END_TO_END);
		assertThat(endToEnd.symptom()).isEqualTo(switchedOffSymptom());
		assertThat(endToEnd.reason()).contains(kind().handOffHeader()).contains(handOffSwitchSetting());
		FaultRun.of(snapshot)
			.cause(Layer.END_TO_END, Cause.HAND_OFF_IGNORED, handOffSwitchSetting())
			.noLead(Layer.END_TO_END, otherThan(handOffSwitchSetting(), allowedFolderSetting()));
	}

	@Test
	void allowedFolderPointedElsewhere() throws Exception {
		Path elsewhere = Files.createDirectories(temp.resolve("allowed-elsewhere"));
		restartProxy(allowedFolderElsewhere(this.proxyConfig, elsewhere));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
		FaultRun.of(snapshot)
			.cause(Layer.END_TO_END, Cause.HAND_OFF_TARGET_MISSING, allowedFolderSetting())
			.alternative(Layer.END_TO_END, "download.sendfile.rules[n].destination")
			.noLead(Layer.END_TO_END, otherThan(allowedFolderSetting(), handOffSwitchSetting()));
	}

	@Test
	void proxyStoppedTurnsProxyAndEndToEndDownAtTheNextScheduledRefresh() throws Exception {
		this.fixture.proxy().stop();
		// Counted once the proxy is down: a refresh that ran while it stopped may have
		// seen it half up. Nobody asks for a refresh here: the next one comes from the
		// schedule alone, within one interval, and must see the stop. Counted in
		// refreshes, not seconds, so a slow machine cannot make it fail.
		long startedBeforeTheStop = this.app.monitor().refreshCount();
		DownloadHealthSnapshot next = this.app.firstSnapshotAfter(startedBeforeTheStop);
		assertThat(next.sequence()).isEqualTo(startedBeforeTheStop + 1);
		assertThat(downLayers(next)).as(describe(next)).containsExactlyInAnyOrder(Layer.PROXY, Layer.END_TO_END);
		JsonNode components = this.app.downloadHealth().get("components");
		assertThat(components.get("storage").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("backend").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("proxy").get("status").asString()).isEqualTo("DOWN");
		assertThat(components.get("end-to-end").get("status").asString()).isEqualTo("DOWN");
		JsonNode details = components.get("end-to-end").get("details");
		assertThat(details.get("reason").asString()).contains("connection refused");
		assertThat(details.get("cause").asString()).isEqualTo(Cause.PROXY_UNREACHABLE.id());
		assertThat(components.get("proxy").get("details").get("cause").asString())
			.isEqualTo(Cause.PROXY_UNREACHABLE.id());
		assertThat(this.app.get("/actuator/health/download").statusCode()).isEqualTo(503);
	}

	@Test
	void sendfileRuleRemovedMakesTheApplicationStreamTheFile() throws Exception {
		int port = FreePorts.next();
		try (RunningSampleApp noRule = RunningSampleApp
			.start(appProperties(this.storage, false, this.fixture.proxyPort()));
				ReverseProxyServer other = ProxyConfig
					.render(kind(),
							new ProxyConfig.Values(port, noRule.port(), this.storage,
									Files.createDirectories(temp.resolve(kind().binaryName() + "-no-rule"))))
					.start()) {
			assertThat(other.isAlive()).isTrue();
			DownloadHealthSnapshot snapshot = noRule.snapshotAfter(() -> {
			});
			CheckResult backend = snapshot.results().get(Layer.BACKEND);
			assertThat(backend.isDown()).as(describe(snapshot)).isTrue();
			assertThat(backend.symptom()).isEqualTo(Symptom.STREAMED_BY_APPLICATION);
			assertThat(backend.reason()).contains("streamed the dummy file itself").contains("download.sendfile.rules");
			assertThat(backend.details()).containsEntry("cause", Cause.NO_RULE_FOR_STORAGE.id());
			// This app's end-to-end URL is the other proxy: only the layers of this app
			// matter.
			assertThat(snapshot.results().get(Layer.STORAGE).isUp()).isTrue();
		}
	}

	@Test
	void upstreamPointedAtADeadPort() throws Exception {
		int dead = FreePorts.next();
		restartProxy(this.proxyConfig.transform((text) -> towardsPort(text, dead)));
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
		// nginx and Caddy say 502, Apache and lighttpd 503: the same cause.
		FaultRun.of(snapshot)
			.cause(Layer.END_TO_END, Cause.UPSTREAM_UNREACHABLE, Integer.toString(this.app.port()))
			.noLead(Layer.END_TO_END, handOffSwitchSetting(), allowedFolderSetting());
	}

	@Test
	void routeToTheApplicationHangs() throws Exception {
		try (SilentServer hop = new SilentServer(FreePorts.next())) {
			restartProxy(this.proxyConfig.transform((text) -> towardsPort(text, hop.port())));
			DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
			});
			assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
			FaultRun.of(snapshot)
				.cause(Layer.END_TO_END, Cause.UPSTREAM_SLOW, Integer.toString(this.app.port()))
				.noLead(Layer.END_TO_END, "error log", handOffSwitchSetting(), allowedFolderSetting());
		}
	}

	/**
	 * The settings that would be wrong leads next to the right one. Caddy's switch and
	 * target are one {@code handle_response} block: its target line names the switch.
	 */
	private String[] otherThan(String right, String... settings) {
		return java.util.Arrays.stream(settings)
			.filter((setting) -> !right.contains(setting))
			.filter((setting) -> !(switchInsideTarget() && setting.equals(handOffSwitchSetting())))
			.toArray(String[]::new);
	}

	/**
	 * Whether the proxy's hand-off target line contains its switch.
	 */
	boolean switchInsideTarget() {
		return false;
	}

	/**
	 * The config with the proxy's upstream moved from the application's port to another
	 * one, in each proxy's syntax ({@code 127.0.0.1:PORT}, lighttpd's
	 * {@code "port" => PORT}).
	 */
	private String towardsPort(String config, int port) {
		String changed = config.replace("127.0.0.1:" + this.app.port(), "127.0.0.1:" + port)
			.replace("\"port\" => " + this.app.port(), "\"port\" => " + port);
		assertThat(changed).as("the upstream moved").isNotEqualTo(config);
		return changed;
	}

	void restartProxy(ProxyConfig config) {
		this.broken = true;
		this.fixture.restart(config);
	}

}
