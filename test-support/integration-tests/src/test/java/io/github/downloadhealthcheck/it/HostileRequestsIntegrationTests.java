package io.github.downloadhealthcheck.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.downloadhealthcheck.harness.net.RawHttp;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.harness.proxy.ReverseProxyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests against what the starter serves, sent byte for byte to the running
 * sample application directly and through a real nginx: {@code /files/{name}} never
 * serves a file from outside the storage (a secret file lies next to the storage folder,
 * and a symbolic link inside it points there), no answer carries CR or LF inside a
 * header, every download has an RFC 6266 {@code Content-Disposition}; the healthcheck
 * view serves the dummy file and nothing else, whatever path, query, headers or method it
 * gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIntegrationTests {

	private static final String SECRET = "TOP-SECRET-a9f3c7e1";

	private static final String DUMMY_HAND_OFF = "/internal-storage/.download-healthcheck/dummy.bin";

	/** RFC 6266: a quoted ASCII filename, optionally the RFC 5987 UTF-8 form. */
	private static final Pattern CONTENT_DISPOSITION = Pattern
		.compile("attachment; filename=\"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\""
				+ "(?:; filename\\*=UTF-8''(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+)?");

	@TempDir
	static Path temp;

	private Path storage;

	private RunningSampleApp app;

	private ReverseProxyServer nginx;

	private byte[] dummy;

	@BeforeAll
	void start() throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.storage = Files.createDirectories(temp.resolve("storage"));
		Files.writeString(temp.resolve("secret.txt"), SECRET + "\n");
		Files.writeString(temp.resolve("storage-secret.txt"), SECRET + "\n");
		Files.writeString(this.storage.resolve("hello.txt"), "hello\n");
		Files.createDirectories(this.storage.resolve("sub"));
		Files.writeString(this.storage.resolve("sub/inner.txt"), "inner\n");
		Files.writeString(this.storage.resolve("say\"hi\".txt"), "quoted\n");
		Files.writeString(this.storage.resolve("crlf\r\nSet-Cookie: injected=1.txt"), "crlf\n");
		Files.writeString(this.storage.resolve("r\u00e9sum\u00e9 \u00fc.txt"), "unicode\n");
		Files.writeString(this.storage.resolve("evil.bat\";.txt"), "rfd\n");
		Files.createSymbolicLink(this.storage.resolve("link.txt"), temp.resolve("secret.txt"));
		Files.createSymbolicLink(this.storage.resolve("linked-folder"), temp);
		int port = FreePorts.next();
		this.app = RunningSampleApp.start(NginxFaultMatrixIntegrationTests.properties(this.storage, port));
		this.nginx = ProxyConfig
			.render(ProxyKind.NGINX,
					new ProxyConfig.Values(port, this.app.port(), this.storage,
							Files.createDirectories(temp.resolve("nginx"))))
			.start();
		this.dummy = Files.readAllBytes(this.storage.resolve(".download-healthcheck/dummy.bin"));
	}

	@AfterAll
	void stop() {
		if (this.nginx != null) {
			this.nginx.close();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	static Stream<Arguments> hostileDownloads() {
		List<String[]> requests = List.of(
				// method, target, extra header
				new String[] { "GET", "/files/..%2fsecret.txt" }, new String[] { "GET", "/files/..%2F..%2Fsecret.txt" },
				new String[] { "GET", "/files/%2e%2e%2fsecret.txt" },
				new String[] { "GET", "/files/%2e%2e/secret.txt" }, new String[] { "GET", "/files/../secret.txt" },
				new String[] { "GET", "/files/..\\secret.txt" }, new String[] { "GET", "/files/..%5csecret.txt" },
				new String[] { "GET", "/files/%252e%252e%252fsecret.txt" },
				new String[] { "GET", "/files/..%00/secret.txt" }, new String[] { "GET", "/files/hello.txt%00.png" },
				new String[] { "GET", "/files/link.txt" }, new String[] { "GET", "/files/linked-folder%2fsecret.txt" },
				new String[] { "GET", "/files/%2fetc%2fpasswd" }, new String[] { "GET", "/files//etc/passwd" },
				new String[] { "GET", "/files/hello.txt/../../secret.txt" },
				new String[] { "GET", "/files/.%2e/secret.txt" }, new String[] { "GET", "/files/..;/secret.txt" },
				new String[] { "GET", "/files/hello.txt;/../../secret.txt" },
				new String[] { "GET", "/files/%c0%ae%c0%ae%2fsecret.txt" },
				new String[] { "GET", "/files/..%252fsecret.txt" },
				new String[] { "GET", "/files/....%2f%2fsecret.txt" },
				new String[] { "GET", "/files/..%2fstorage-secret.txt" },
				new String[] { "GET", "/files/sub%2f..%2f..%2fsecret.txt" },
				new String[] { "GET", "/files/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
				new String[] { "GET", "/files/hello.txt?name=../secret.txt" },
				new String[] { "GET", "/files/hello.txt", "Host: evil.example" },
				new String[] { "GET", "/files/hello.txt", "X-Accel-Redirect: /internal-storage/../secret.txt" },
				new String[] { "GET", "/files/hello.txt", "Range: bytes=0-2" },
				new String[] { "GET", "/internal-storage/../secret.txt" },
				new String[] { "GET", "/internal-storage/hello.txt" },
				new String[] { "GET", "/files/%0d%0aSet-Cookie:%20injected=1" },
				new String[] { "GET", "/files/crlf%0d%0aSet-Cookie%3a%20injected%3d1.txt" },
				new String[] { "GET", "/files/say%22hi%22.txt" }, new String[] { "GET", "/files/evil.bat%22%3b.txt" },
				new String[] { "GET", "/files/r%C3%A9sum%C3%A9%20%C3%BC.txt" },
				new String[] { "GET", "/files/hello.txt%0a" }, new String[] { "HEAD", "/files/..%2fsecret.txt" },
				new String[] { "POST", "/files/hello.txt" }, new String[] { "DELETE", "/files/hello.txt" });
		return againstAppAndNginx(requests);
	}

	@ParameterizedTest(name = "{0}: {1} {2} {3}")
	@MethodSource("hostileDownloads")
	void neverServesAFileOutsideStorageNorBreaksAHeader(String target, String method, String path, String[] headers)
			throws Exception {
		RawHttp.Answer answer = RawHttp.send(port(target), method, path, headers);
		String raw = answer.rawText();
		assertThat(answer.status()).as(raw).isPositive();
		assertThat(raw).as("secret next to the storage leaked").doesNotContain(SECRET);
		assertThat(raw).as("/etc/passwd leaked").doesNotContain("root:x:0:0");
		assertSafeHeaders(answer);
		String handOff = answer.header("X-Accel-Redirect");
		if (target.equals("nginx")) {
			assertThat(handOff).as("hand-off header reached the client").isNull();
		}
		else if (handOff != null) {
			assertThat(handOff).startsWith("/internal-storage/")
				.doesNotContain("..")
				.doesNotContainIgnoringCase("%2e%2e");
		}
		if (answer.status() == 200 || answer.status() == 206) {
			assertThat(answer.header("Content-Disposition")).as(raw).isNotNull().matches(CONTENT_DISPOSITION);
		}
	}

	@Test
	void downloadsThatShouldWorkStillDoThroughNginx() throws Exception {
		RawHttp.Answer hello = RawHttp.send(this.nginx.port(), "GET", "/files/hello.txt");
		assertThat(hello.status()).isEqualTo(200);
		assertThat(new String(hello.body(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
		RawHttp.Answer quoted = RawHttp.send(this.nginx.port(), "GET", "/files/say%22hi%22.txt");
		assertThat(quoted.status()).isEqualTo(200);
		// The quotes never reach the ASCII fallback; the exact name travels RFC
		// 5987-encoded.
		assertThat(quoted.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"say_hi_.txt\"; filename*=UTF-8''say%22hi%22.txt");
		RawHttp.Answer unicode = RawHttp.send(this.nginx.port(), "GET", "/files/r%C3%A9sum%C3%A9%20%C3%BC.txt");
		assertThat(unicode.status()).isEqualTo(200);
		assertThat(unicode.header("Content-Disposition")).contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%C3%BC.txt");
		RawHttp.Answer crlf = RawHttp.send(this.app.port(), "GET", "/files/crlf%0d%0aSet-Cookie%3a%20injected%3d1.txt");
		assertThat(crlf.header("Set-Cookie")).isNull();
		assertThat(RawHttp.send(this.nginx.port(), "GET", "/files/link.txt").status()).isEqualTo(404);
		assertThat(RawHttp.send(this.nginx.port(), "GET", "/internal-storage/hello.txt").status()).isEqualTo(404);
	}

	static Stream<Arguments> hostileViewRequests() {
		String view = "/healthcheck-utils/download/";
		List<String[]> requests = List.of(new String[] { "GET", view }, new String[] { "HEAD", view },
				new String[] { "GET", view + "..%2f..%2fsecret.txt" },
				new String[] { "GET", view + "../../secret.txt" }, new String[] { "GET", view + "%2e%2e%2fhello.txt" },
				new String[] { "GET", view + "hello.txt" }, new String[] { "GET", view + "x/y/z" },
				new String[] { "GET", view + "?file=../secret.txt" },
				new String[] { "GET", view + "?path=hello.txt&name=secret.txt" },
				new String[] { "GET", "/healthcheck-utils/download;/../../secret.txt" },
				new String[] { "GET", "/healthcheck-utils/download%2f..%2f..%2fsecret.txt" },
				new String[] { "GET", "/healthcheck-utils/download" },
				new String[] { "GET", "/healthcheck-utils//download/" },
				new String[] { "GET", view, "Range: bytes=0-99" },
				new String[] { "GET", view, "Range: bytes=-100000000" },
				new String[] { "GET", view, "Host: evil.example" },
				new String[] { "GET", view, "Host: 127.0.0.1:1/../secret.txt" },
				new String[] { "GET", view, "X-Forwarded-Prefix: /../secret" },
				new String[] { "GET", view, "X-Original-URL: /files/..%2fsecret.txt" },
				new String[] { "GET", view, "X-Accel-Redirect: /internal-storage/hello.txt" },
				new String[] { "POST", view }, new String[] { "PUT", view }, new String[] { "DELETE", view },
				new String[] { "PATCH", view }, new String[] { "OPTIONS", view }, new String[] { "TRACE", view });
		return againstAppAndNginx(requests);
	}

	@ParameterizedTest(name = "{0}: {1} {2} {3}")
	@MethodSource("hostileViewRequests")
	void healthcheckViewServesTheDummyFileAndNothingElse(String target, String method, String path, String[] headers)
			throws Exception {
		RawHttp.Answer answer = RawHttp.send(port(target), method, path, headers);
		String raw = answer.rawText();
		assertThat(answer.status()).as(raw).isPositive();
		assertThat(raw).doesNotContain(SECRET).doesNotContain("hello\n").doesNotContain("inner\n");
		assertSafeHeaders(answer);
		String handOff = answer.header("X-Accel-Redirect");
		if (target.equals("app") && handOff != null) {
			assertThat(handOff).isEqualTo(DUMMY_HAND_OFF);
		}
		if (target.equals("nginx")) {
			assertThat(handOff).isNull();
		}
		boolean readOnly = method.equals("GET") || method.equals("HEAD");
		if (!readOnly) {
			assertThat(handOff).as("%s must not hand anything off", method).isNull();
			if (method.equals("OPTIONS")) {
				assertThat(answer.body()).as(raw).isEmpty();
				assertThat(answer.header("Allow")).isEqualTo("GET,HEAD,OPTIONS");
			}
			else {
				assertThat(answer.status()).as(raw).isGreaterThanOrEqualTo(400);
			}
		}
		if (target.equals("nginx") && method.equals("GET") && answer.status() == 200) {
			assertThat(answer.body()).isEqualTo(this.dummy);
		}
		if (target.equals("nginx") && answer.status() == 206) {
			assertThat(this.dummy).startsWith(answer.body());
		}
		if (answer.status() == 200 && target.equals("app") && method.equals("GET")) {
			assertThat(handOff).isEqualTo(DUMMY_HAND_OFF);
			assertThat(answer.body()).isEmpty();
		}
	}

	/**
	 * Each request ({@code method, target, headers...}) sent to the application and to
	 * nginx.
	 */
	private static Stream<Arguments> againstAppAndNginx(List<String[]> requests) {
		List<Arguments> arguments = new ArrayList<>();
		for (String target : List.of("app", "nginx")) {
			for (String[] request : requests) {
				arguments
					.add(Arguments.of(target, request[0], request[1], Arrays.copyOfRange(request, 2, request.length)));
			}
		}
		return arguments.stream();
	}

	private int port(String target) {
		return target.equals("nginx") ? this.nginx.port() : this.app.port();
	}

	private static void assertSafeHeaders(RawHttp.Answer answer) {
		for (String line : answer.headerLines()) {
			assertThat(line).as("header line").doesNotContain("\r").doesNotContain("\n");
			assertThat(line.toLowerCase(Locale.ROOT)).as("injected header").doesNotStartWith("set-cookie: injected");
		}
	}

}
