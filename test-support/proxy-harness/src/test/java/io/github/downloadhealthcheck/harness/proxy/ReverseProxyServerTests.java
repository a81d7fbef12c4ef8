package io.github.downloadhealthcheck.harness.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness against the four real proxies, with a JDK HTTP server standing in for the
 * app: {@code GET /files/<name>} hands {@code <storage>/<name>} off to the proxy (200,
 * empty body, hand-off header, Content-Type, Content-Disposition), {@code GET /plain}
 * answers itself.
 */
class ReverseProxyServerTests {

	private static final String APP_CONTENT_TYPE = "application/x-download-test";

	private static final String PLAIN = "hello from app";

	private static final byte[] FILE_A = "file a\n\u0000\u00ff binary tail".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] DUMMY = dummyBytes();

	private static final byte[] NON_ASCII = "the file with a space and an accent\n".getBytes(StandardCharsets.UTF_8);

	private static final String NON_ASCII_NAME = "a b \u00e9.txt";

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@TempDir
	Path tmp;

	private Path storage;

	private HttpServer app;

	private volatile Map<String, String> lastPlainRequest = Map.of();

	private ReverseProxyServer proxy;

	@AfterEach
	void tearDown() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.app != null) {
			this.app.stop(0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void handOffServesTheFileBytesAndHidesTheHeader(ProxyKind kind) throws Exception {
		start(kind);

		HttpResponse<byte[]> response = get("/files/a.txt");

		assertThat(response.statusCode()).as(this.proxy.log()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(FILE_A);
		assertThat(response.headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith("x-accel-"))
			.noneMatch((name) -> name.equalsIgnoreCase("x-sendfile"));
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"a.txt\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue(APP_CONTENT_TYPE);
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void dummyFileIsPublicAndNothingElseOfTheStorage(ProxyKind kind) throws Exception {
		start(kind);

		HttpResponse<byte[]> dummy = get("/healthcheck-utils/dummy-file");
		assertThat(dummy.statusCode()).as(this.proxy.log()).isEqualTo(200);
		assertThat(dummy.body()).isEqualTo(DUMMY);

		for (String path : List.of("/healthcheck-utils/dummy-file/", "/healthcheck-utils/dummy-file/a.txt",
				"/healthcheck-utils/dummy-filex", "/healthcheck-utils/a.txt", "/healthcheck-utils/")) {
			HttpResponse<byte[]> other = get(path);
			assertThat(other.statusCode()).as(path).isEqualTo(404);
			assertThat(other.body()).as(path).isNotEqualTo(DUMMY).isNotEqualTo(FILE_A);
		}
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void storageIsNotReachableDirectly(ProxyKind kind) throws Exception {
		start(kind);

		for (String path : List.of("/internal-storage/a.txt", "/internal-storage/.download-healthcheck/dummy.bin",
				"/a.txt", this.storage + "/a.txt")) {
			HttpResponse<byte[]> response = get(path);
			// nginx: the internal location's 404; the others proxy it to the app, which
			// has no such page.
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).isNotEqualTo(FILE_A).isNotEqualTo(DUMMY);
		}
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void everythingElseIsProxiedWithForwardingHeaders(ProxyKind kind) throws Exception {
		start(kind);

		HttpResponse<byte[]> response = get("/plain");

		assertThat(response.statusCode()).as(this.proxy.log()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
		assertThat(this.lastPlainRequest).containsEntry("host", "127.0.0.1:" + this.proxy.port())
			.containsEntry("x-forwarded-for", "127.0.0.1")
			.containsEntry("x-forwarded-proto", "http");
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void stopFreesThePortAndEndsEveryProcessAndRestartComesBack(ProxyKind kind) throws Exception {
		start(kind);
		long pid = this.proxy.pid();
		List<ProcessHandle> processes = ProcessHandle.of(pid).orElseThrow().descendants().toList();

		this.proxy.stop();

		assertThat(this.proxy.isAlive()).isFalse();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThatThrownBy(() -> new Socket("127.0.0.1", this.proxy.port()).close())
			.isInstanceOf(ConnectException.class);
		this.proxy.stop();
		this.proxy.close();

		this.proxy.restart();

		assertThat(this.proxy.pid()).isNotEqualTo(pid);
		assertThat(get("/files/a.txt").body()).isEqualTo(FILE_A);
	}

	/**
	 * nginx gets the relative path percent-encoded behind /internal-storage/, lighttpd
	 * the percent-encoded absolute path (both decode it). Apache (mod_xsendfile 0.12) and
	 * Caddy 2.6.2 ({@code rewrite}) decode nothing: they get the raw path, whose UTF-8
	 * bytes go on the wire as they are (the JDK server writes each char as one byte,
	 * hence the ISO-8859-1 view in {@link #wire}). See {@link ProxyKind#handOffValue}.
	 */
	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void handOffOfANameWithASpaceAndANonAsciiCharacter(ProxyKind kind) throws Exception {
		start(kind);

		HttpResponse<byte[]> response = get("/files/" + ProxyKind.percentEncodePath(NON_ASCII_NAME));

		assertThat(response.statusCode()).as(this.proxy.log()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(NON_ASCII);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"a b _.txt\"; filename*=UTF-8''a%20b%20%C3%A9.txt");
	}

	/**
	 * Names that a wrong encoding breaks: '%', '%XX', '+', '&', ';', '=', quotes, '#',
	 * '?'.
	 */
	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void handOffOfAwkwardAsciiNames(ProxyKind kind) throws Exception {
		startApp(kind);
		List<String> names = new ArrayList<>(
				List.of("100%.txt", "p%41.txt", "a+b&c;d=e.txt", "q\"'.txt", "h#x.txt", "q?x.txt"));
		if (kind == ProxyKind.CADDY) {
			// Caddy 2.6.2's rewrite starts a query string at '?': such a file cannot be
			// handed off.
			names.remove("q?x.txt");
		}
		for (String name : names) {
			Files.write(this.storage.resolve(name), name.getBytes(StandardCharsets.US_ASCII));
		}
		this.proxy = config(kind).start();

		for (String name : names) {
			HttpResponse<byte[]> response = get("/files/" + ProxyKind.percentEncodePath(name));
			assertThat(response.statusCode()).as(name).isEqualTo(200);
			assertThat(new String(response.body(), StandardCharsets.US_ASCII)).as(name).isEqualTo(name);
		}
	}

	@ParameterizedTest
	@EnumSource(value = ProxyKind.class, names = "HAPROXY", mode = EnumSource.Mode.EXCLUDE)
	void invalidConfigFailsWithTheProxysOwnMessage(ProxyKind kind) throws Exception {
		startApp(kind);
		ProxyConfig broken = config(kind).transform((text) -> text + "\nnot-a-directive {{{\n");

		assertThatThrownBy(broken::start).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("config test failed")
			.hasMessageContaining("not-a-directive");
	}

	/**
	 * The storage check above can fail: without "internal;" nginx serves the storage to
	 * anyone.
	 */
	@Test
	void withoutInternalNginxExposesTheStorage() throws Exception {
		startApp(ProxyKind.NGINX);
		this.proxy = config(ProxyKind.NGINX).replace("internal;", "").start();

		assertThat(get("/internal-storage/a.txt").body()).isEqualTo(FILE_A);
	}

	@Test
	void handOffValues() {
		Path root = Path.of("/srv/storage");
		assertThat(ProxyKind.NGINX.handOffValue(root, "dir/a b \u00e9.txt"))
			.isEqualTo("/internal-storage/dir/a%20b%20%C3%A9.txt");
		assertThat(ProxyKind.NGINX.handOffValue(root, "/100%.txt")).isEqualTo("/internal-storage/100%25.txt");
		assertThat(ProxyKind.CADDY.handOffValue(root, "a b \u00e9.txt")).isEqualTo("/internal-storage/a b \u00e9.txt");
		assertThat(ProxyKind.LIGHTTPD.handOffValue(root, "a b.txt")).isEqualTo("/srv/storage/a%20b.txt");
		assertThat(ProxyKind.APACHE.handOffValue(root, "a b \u00e9.txt")).isEqualTo("/srv/storage/a b \u00e9.txt");
		assertThat(ProxyKind.APACHE.handOffDestination(Path.of("/srv/storage/"))).isEqualTo("/srv/storage");
		assertThat(ProxyKind.NGINX.handOffDestination(root)).isEqualTo("/internal-storage");
		assertThat(ProxyKind.installAllCommand()).isEqualTo(
				"apt-get update && DEBIAN_FRONTEND=noninteractive" + " apt-get install -y --no-install-recommends"
						+ " nginx-light apache2 libapache2-mod-xsendfile lighttpd caddy haproxy");
	}

	private void start(ProxyKind kind) throws IOException {
		startApp(kind);
		this.proxy = config(kind).start();
	}

	private ProxyConfig config(ProxyKind kind) {
		return ProxyConfig.render(kind, new ProxyConfig.Values(FreePorts.next(), this.app.getAddress().getPort(),
				this.storage, this.tmp.resolve("proxy")));
	}

	/**
	 * Storage and app; the storage is world-readable because root-started workers run as
	 * nobody.
	 */
	private void startApp(ProxyKind kind) throws IOException {
		this.storage = this.tmp.resolve("storage");
		Path dummy = this.storage.resolve(ProxyConfig.DEFAULT_DUMMY_PATH);
		Files.createDirectories(dummy.getParent());
		Files.write(this.storage.resolve("a.txt"), FILE_A);
		Files.write(dummy, DUMMY);
		writeWithUtf8Name(this.storage, NON_ASCII_NAME, NON_ASCII);
		for (Path dir : List.of(this.tmp, this.storage, dummy.getParent())) {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		}

		this.app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.app.createContext("/files/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/files/".length());
			exchange.getResponseHeaders().set(kind.handOffHeader(), wire(kind.handOffValue(this.storage, name)));
			exchange.getResponseHeaders().set("Content-Type", APP_CONTENT_TYPE);
			exchange.getResponseHeaders().set("Content-Disposition", contentDisposition(name));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.app.createContext("/plain", (exchange) -> {
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			this.lastPlainRequest = headers;
			reply(exchange, PLAIN);
		});
		this.app.start();
	}

	private HttpResponse<byte[]> get(String encodedPath) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.proxy.uri(encodedPath))
			.timeout(Duration.ofSeconds(5))
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void reply(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The JDK server writes one byte per char: this makes non-ASCII values go out as
	 * UTF-8.
	 */
	private static String wire(String headerValue) {
		return new String(headerValue.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	/**
	 * ASCII fallback plus RFC 6266 filename* for anything else, quotes and backslashes
	 * escaped.
	 */
	private static String contentDisposition(String name) {
		String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "\\\\").replace("\"", "\\\"");
		String value = "attachment; filename=\"" + ascii + "\"";
		return ascii.equals(name) ? value : value + "; filename*=UTF-8''" + ProxyKind.percentEncodePath(name);
	}

	/**
	 * Under a non-UTF-8 locale (LANG unset: sun.jnu.encoding is ASCII) the JDK cannot
	 * name such a file, so the shell renames it from octal escapes.
	 */
	private static void writeWithUtf8Name(Path dir, String name, byte[] content) throws IOException {
		if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
			Files.write(dir.resolve(name), content);
			return;
		}
		Files.write(dir.resolve("utf8-name.tmp"), content);
		StringBuilder octal = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			octal.append(String.format("\\%03o", b & 0xff));
		}
		try {
			Process mv = new ProcessBuilder("sh", "-c", "mv utf8-name.tmp \"$(printf '" + octal + "')\"")
				.directory(dir.toFile())
				.inheritIO()
				.start();
			assertThat(mv.waitFor(5, TimeUnit.SECONDS) && mv.exitValue() == 0).as("rename to " + name).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static byte[] dummyBytes() {
		byte[] bytes = new byte[4096];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

}
