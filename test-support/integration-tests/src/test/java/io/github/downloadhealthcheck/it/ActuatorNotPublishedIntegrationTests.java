package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each real proxy, started from the sample's own template, refuses {@code /actuator} in
 * every spelling the application would still route there (health details name storage
 * paths, the Prometheus scrape names everything), while a real download through it still
 * works and the application itself still answers the actuator directly. Caddy is also
 * checked to listen on loopback only: its site address alone would listen everywhere.
 */
class ActuatorNotPublishedIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Paths the application answers as actuator requests: plain, percent-encoded, with
	 * doubled slashes, a dot segment, or a ;parameter the application drops.
	 */
	private static final List<String> ACTUATOR_PATHS = List.of("/actuator", "/actuator/health",
			"/actuator/health/download", "/actuator/prometheus", "/actuator/downloadproxy/nginx", "/%61ctuator/health",
			"//actuator/health", "/./actuator/health", "/actuator;x/health");

	@TempDir
	static Path temp;

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = { "NGINX", "APACHE", "LIGHTTPD", "CADDY" })
	void actuatorRefusedWhileDownloadsWork(ProxyKind kind) throws Exception {
		Path base = Files.createDirectories(temp.resolve(kind.binaryName()));
		// As root, the proxy's workers run as nobody: the folders on the way must be
		// searchable.
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path storage = Files.createDirectories(base.resolve("storage"));
		Files.writeString(storage.resolve("hello.txt"), "hello through " + kind + "\n");
		try (AppBehindProxy fixture = AppBehindProxy.start(kind, storage,
				Files.createDirectories(base.resolve("proxy")), (proxyPort) -> {
					Map<String, String> properties = AppBehindProxy.handOffProperties(storage,
							kind.handOffDestination(storage));
					properties.put("download.sendfile.server", serverId(kind));
					properties.putAll(AppBehindProxy.checkProperties(proxyPort, INTERVAL, TIMEOUT));
					return properties;
				})) {
			RunningSampleApp app = fixture.app();
			HttpResponse<byte[]> download = RunningSampleApp.getBytes(fixture.proxy().uri("/files/hello.txt"));
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("hello through " + kind + "\n");
			// Each refused path is served by the application itself: the refusal is the
			// proxy's, not a path the application does not know.
			// 200 or 503 depending on how far the first refresh got: the actuator
			// answers.
			assertThat(app.get("/actuator/health").body()).contains("\"status\"");
			assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(200);
			assertThat(refused(fixture)).isEmpty();
			if (kind == ProxyKind.CADDY) {
				assertThat(listeners(fixture.proxyPort())).containsExactly("127.0.0.1");
			}
		}
	}

	/**
	 * HAProxy is the ingress of the redirect hand-off and hands nothing off itself:
	 * behind it the application is reached for everything but the actuator.
	 */
	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY")
	void haproxyRefusesActuatorAndForwardsTheRest(ProxyKind kind) throws Exception {
		Path base = Files.createDirectories(temp.resolve(kind.binaryName()));
		Path storage = Files.createDirectories(base.resolve("storage"));
		Files.writeString(storage.resolve("hello.txt"), "hello\n");
		try (AppBehindProxy fixture = AppBehindProxy.start(kind, storage,
				Files.createDirectories(base.resolve("proxy")), (proxyPort) -> {
					Map<String, String> properties = AppBehindProxy.handOffProperties(storage, "/internal-storage");
					properties.putAll(AppBehindProxy.checkProperties(proxyPort, INTERVAL, TIMEOUT));
					return properties;
				})) {
			HttpResponse<byte[]> forwarded = RunningSampleApp.getBytes(fixture.proxy().uri("/files/hello.txt"));
			// The application's own answer (a hand-off header nobody here acts on) came
			// through: HAProxy forwards what is not the actuator.
			assertThat(forwarded.statusCode()).isEqualTo(200);
			assertThat(forwarded.headers().firstValue("X-Accel-Redirect")).isPresent();
			assertThat(fixture.app().get("/actuator/health").body()).contains("\"status\"");
			assertThat(refused(fixture)).isEmpty();
		}
	}

	/** The actuator paths the proxy let through, with the status they got. */
	private static List<String> refused(AppBehindProxy fixture) throws IOException, InterruptedException {
		List<String> passed = new ArrayList<>();
		for (String path : ACTUATOR_PATHS) {
			HttpResponse<String> response = RunningSampleApp.get(fixture.proxy().uri(path));
			if (response.statusCode() != 404 && response.statusCode() != 403) {
				passed.add(path + " -> " + response.statusCode() + " " + response.body());
			}
		}
		return passed;
	}

	private static String serverId(ProxyKind kind) {
		return (kind == ProxyKind.APACHE) ? "apache" : kind.binaryName();
	}

	/**
	 * The local addresses listening on {@code port} over IPv4 and IPv6, from the kernel's
	 * socket tables ({@code ss -ltn} reads the same).
	 */
	private static List<String> listeners(int port) throws IOException {
		List<String> addresses = new ArrayList<>();
		String hexPort = String.format(Locale.ROOT, "%04X", port);
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path file = Path.of(table);
			if (!Files.exists(file)) {
				continue;
			}
			List<String> lines = Files.readAllLines(file);
			// The first line is the table's header.
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				String[] local = fields[1].split(":");
				// 0A is TCP_LISTEN.
				if (local[1].equals(hexPort) && fields[3].equals("0A")) {
					addresses.add(address(local[0]));
				}
			}
		}
		return addresses;
	}

	private static String address(String hex) {
		if (hex.length() == 8) {
			// IPv4, little-endian.
			return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
					+ Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
		}
		return hex.equals("00000000000000000000000000000000") ? "::" : hex;
	}

}
