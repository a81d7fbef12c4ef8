package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.harness.app.ChildJvmApp;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;
import io.github.downloadhealthcheck.harness.s3.S3ProxyServer;

import static org.awaitility.Awaitility.await;

/**
 * Everything the soak runs and breaks: the storage (a folder, or a bucket on S3Proxy),
 * the sample application as its own process, the route from nginx to it, and nginx; with
 * the real actions that inject and repair each {@link Fault}.
 */
final class Stage implements AutoCloseable {

	static final String DUMMY = ProxyConfig.DEFAULT_DUMMY_PATH;

	static final String BUCKET = "downloads";

	/** A file the application's own download traffic fetches through nginx. */
	static final String TRAFFIC_FILE = "traffic.bin";

	private static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(30);

	private final Path storageFolder;

	private final @Nullable S3ProxyServer store;

	private final SwitchableRelay relay;

	private final ChildJvmApp app;

	private final ProxyConfig intact;

	private final ReverseProxyServer proxy;

	private final byte[] trafficBytes;

	private byte[] dummyBeforeCorruption = new byte[0];

	private Stage(Path storageFolder, @Nullable S3ProxyServer store, SwitchableRelay relay, ChildJvmApp app,
			ProxyConfig intact, byte[] trafficBytes) {
		this.storageFolder = storageFolder;
		this.store = store;
		this.relay = relay;
		this.app = app;
		this.intact = intact;
		this.trafficBytes = trafficBytes;
		this.proxy = intact.start();
	}

	/**
	 * Starts everything in {@code work}: the storage with a file for download traffic,
	 * the application, the relay in front of it and nginx in front of the relay.
	 */
	static Stage start(SoakOptions options, Path work, Random random) throws IOException {
		ChildJvmApp.RunAs user = ChildJvmApp.RunAs.unprivileged();
		byte[] traffic = new byte[1 << 20];
		random.nextBytes(traffic);
		int proxyPort = FreePorts.next();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("download.healthcheck.interval", options.interval().toMillis() + "ms");
		properties.put("download.healthcheck.timeout", options.timeout().toMillis() + "ms");
		properties.put("download.healthcheck.proxy.url",
				"http://127.0.0.1:" + proxyPort + "/healthcheck-utils/dummy-file");
		properties.put("download.healthcheck.end-to-end.url",
				"http://127.0.0.1:" + proxyPort + "/healthcheck-utils/download/");
		Map<String, String> environment = new LinkedHashMap<>();
		Path proxyWork = Files.createDirectories(work.resolve("nginx"));
		Path storage = Files.createDirectories(work.resolve("storage"));
		S3ProxyServer store = null;
		SwitchableRelay relay = null;
		ChildJvmApp app = null;
		try {
			if (options.storage() == Fault.Storage.S3) {
				store = S3ProxyServer.start(Files.createDirectories(work.resolve("s3proxy")));
				writePrivately(store.createBucket(BUCKET).resolve(TRAFFIC_FILE), traffic);
				properties.put("download.healthcheck.storage.type", "s3");
				properties.put("download.healthcheck.storage.s3.bucket", BUCKET);
				properties.put("download.healthcheck.storage.s3.endpoint", store.endpoint().toString());
				properties.put("download.healthcheck.storage.s3.path-style-access", "true");
				properties.put("download.healthcheck.storage.s3.region", S3ProxyServer.REGION);
				properties.put("download.healthcheck.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY);
				environment.put("DOWNLOAD_HEALTHCHECK_STORAGE_S3_SECRETACCESSKEY", S3ProxyServer.SECRET_KEY);
			}
			else {
				Files.write(storage.resolve(TRAFFIC_FILE), traffic);
				user.own(storage);
				user.own(storage.resolve(TRAFFIC_FILE));
				properties.put("download.healthcheck.storage.root", storage.toString());
				properties.put("download.sendfile.rules[0].source", storage.toString());
				properties.put("download.sendfile.rules[0].destination", "/internal-storage");
			}
			int appPort = FreePorts.next();
			relay = SwitchableRelay.start(appPort, options.timeout().dividedBy(4));
			app = ChildJvmApp.start(ChildJvmApp.Spec.ofJar(options.jar(), work.resolve("app"))
				.withUser(user)
				.withPort(appPort)
				.withProperties(properties)
				.withEnvironment(environment));
			ProxyConfig.Values values = new ProxyConfig.Values(proxyPort, relay.port(), storage, proxyWork);
			ProxyConfig intact = (store != null)
					? ProxyConfig.render(ProxyKind.NGINX, "/proxy/nginx-s3.conf.template", values, Map
						.of("OBJECT_STORE_URL", store.endpoint().toString(), "BUCKET", BUCKET, "DUMMY_KEY", DUMMY))
					: ProxyConfig.render(ProxyKind.NGINX, values);
			return new Stage(storage, store, relay, app, intact, traffic);
		}
		catch (RuntimeException | IOException ex) {
			for (AutoCloseable started : new AutoCloseable[] { app, relay, store }) {
				closeQuietly(started);
			}
			throw ex;
		}
	}

	ChildJvmApp app() {
		return this.app;
	}

	SwitchableRelay relay() {
		return this.relay;
	}

	ReverseProxyServer proxy() {
		return this.proxy;
	}

	byte[] trafficBytes() {
		return this.trafficBytes;
	}

	/**
	 * Injects the fault and returns once it is in effect, as the soak can tell from
	 * outside the application.
	 */
	void inject(Fault fault) throws Exception {
		switch (fault) {
			case PROXY_KILLED -> this.proxy.kill();
			case RELOAD_INVALID ->
				reload(this.intact.text() + "\nthis_is_not_an_nginx_directive on;\n", "[emerg]", false);
			case RELOAD_BROKEN -> reload(broken(), "start worker process", true);
			case STORAGE_PERMISSIONS -> Files.setPosixFilePermissions(dummyFile().getParent(), Set.of());
			case DUMMY_DELETED -> Files.delete(dummyFile());
			case DUMMY_CORRUPTED -> {
				this.dummyBeforeCorruption = Files.readAllBytes(dummyFile());
				byte[] corrupt = this.dummyBeforeCorruption.clone();
				for (int i = 0; i < corrupt.length; i++) {
					corrupt[i] = (byte) ~corrupt[i];
				}
				replace(dummyFile(), corrupt);
			}
			case STORE_STOPPED -> store().stop();
			case ROUTE_HUNG -> this.relay.mode(SwitchableRelay.Mode.HANG);
			case ROUTE_SLOW -> this.relay.mode(SwitchableRelay.Mode.SLOW);
		}
	}

	/**
	 * Repairs the fault and returns once the repair is in effect. A fault the application
	 * repairs itself needs nothing.
	 */
	void repair(Fault fault) throws Exception {
		switch (fault) {
			case PROXY_KILLED -> this.proxy.restart();
			case RELOAD_INVALID, RELOAD_BROKEN -> reload(this.intact.text(), "start worker process", true);
			case STORAGE_PERMISSIONS ->
				Files.setPosixFilePermissions(dummyFile().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
			case DUMMY_DELETED -> {
				// the application writes it again
			}
			case DUMMY_CORRUPTED -> replace(dummyFile(), this.dummyBeforeCorruption);
			case STORE_STOPPED -> store().restart();
			case ROUTE_HUNG, ROUTE_SLOW -> this.relay.mode(SwitchableRelay.Mode.PASS);
		}
	}

	/**
	 * A valid config that serves storage from the wrong place: a folder that does not
	 * exist, or a store on a port nobody listens on.
	 */
	private String broken() {
		if (this.store != null) {
			String url = this.store.endpoint().toString();
			return this.intact.replace(url, "http://127.0.0.1:" + FreePorts.next()).text();
		}
		return this.intact.replace(this.storageFolder.toString() + "/", this.storageFolder + "-moved/").text();
	}

	/**
	 * Reloads nginx with {@code config} and waits until it is in effect: its log shows
	 * one more {@code outcome} line (a worker started with the new config, or the config
	 * refused) and, for a config nginx takes, every worker of the old one has exited.
	 * Until then an old worker still answers on the connections it holds, with the old
	 * config.
	 */
	private void reload(String config, String outcome, boolean takesEffect) {
		long before = count(this.proxy.log(), outcome);
		List<ProcessHandle> oldWorkers = this.proxy.workers();
		this.proxy.reload(config);
		await("nginx to log one more '" + outcome + "' after SIGHUP").atMost(EFFECT_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> count(this.proxy.log(), outcome) > before);
		if (takesEffect) {
			await("nginx's workers of the old config to exit").atMost(EFFECT_TIMEOUT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> oldWorkers.stream().noneMatch(ProcessHandle::isAlive));
		}
	}

	private static long count(String text, String line) {
		return text.lines().filter((candidate) -> candidate.contains(line)).count();
	}

	private S3ProxyServer store() {
		if (this.store == null) {
			throw new IllegalStateException("a fault of the object store needs a run with --storage s3");
		}
		return this.store;
	}

	/** The dummy file on disk: in the storage folder, or in S3Proxy's bucket folder. */
	private Path dummyFile() {
		return (this.store != null) ? this.store.objectFile(BUCKET, DUMMY) : this.storageFolder.resolve(DUMMY);
	}

	/** Replaces a file's content atomically, keeping its owner and permissions. */
	private static void replace(Path file, byte[] content) throws IOException {
		Path temp = file.resolveSibling(file.getFileName() + ".soak-tmp");
		Files.write(temp, content);
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		Files.setPosixFilePermissions(temp, permissions);
		Files.setAttribute(temp, "unix:uid", Files.getAttribute(file, "unix:uid"));
		Files.setAttribute(temp, "unix:gid", Files.getAttribute(file, "unix:gid"));
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * An object S3Proxy's file-system backend keeps private: it serves world-readable
	 * files to anybody.
	 */
	private static void writePrivately(Path file, byte[] content) throws IOException {
		Files.write(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
	}

	@Override
	public void close() {
		for (AutoCloseable part : new AutoCloseable[] { this.proxy, this.app, this.relay, this.store }) {
			closeQuietly(part);
		}
	}

	private static void closeQuietly(@Nullable AutoCloseable part) {
		if (part == null) {
			return;
		}
		try {
			part.close();
		}
		catch (Exception ex) {
			System.err.println("could not stop " + part + ": " + ex);
		}
	}

}
