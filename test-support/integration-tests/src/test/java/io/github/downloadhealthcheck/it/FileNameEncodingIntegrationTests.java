package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.harness.app.ChildJvmApp;
import io.github.downloadhealthcheck.sample.SampleApplication;
import io.github.downloadhealthcheck.harness.proxy.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application in a child JVM whose file-name encoding is ASCII, as in a
 * container without {@code LANG}: a non-ASCII dummy path stops start-up with a failure
 * analysis naming the property, the encoding, the locale and the fix, and the
 * application's own downloads of non-ASCII names answer 404 with the reason in the log,
 * never a 500.
 */
class FileNameEncodingIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path temp;

	@Test
	void nonAsciiDummyPathStopsStartUpWithAFailureAnalysis() throws Exception {
		Path storage = Files.createDirectories(this.temp.resolve("storage"));
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, FreePorts.next());
		properties.put("download.healthcheck.dummy.path", ".download-healthcheck/d\u00fcmmy.bin");
		OptionalInt exit;
		String output;
		try (ChildJvmApp child = startInAsciiLocale(properties, 0, this.temp.resolve("failed"))) {
			exit = child.awaitExit(Duration.ofMinutes(3));
			output = Files.readString(child.log(), StandardCharsets.ISO_8859_1);
		}
		assertThat(exit).as("the child JVM stops").isPresent();
		assertThat(exit.getAsInt()).as(output).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("for property 'download.healthcheck.dummy.path'")
			.contains("sun.jnu.encoding=ANSI_X3.4-1968 (LANG unset, LC_ALL unset)")
			.contains("LANG=C.UTF-8")
			.contains("an ASCII path")
			.doesNotContain("InvalidPathException");
	}

	@Test
	void downloadOfANonAsciiNameIsA404WithTheReasonLogged() throws Exception {
		Path storage = Files.createDirectories(this.temp.resolve("storage"));
		// Written by this JVM, whose names are UTF-8: the file exists on disk.
		Files.writeString(storage.resolve("caf\u00e9.txt"), "caf\u00e9\n");
		Files.writeString(storage.resolve("hello.txt"), "hello\n");
		int port = FreePorts.next();
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, FreePorts.next());
		try (ChildJvmApp child = startInAsciiLocale(properties, port, this.temp.resolve("running"))) {
			Path log = child.log();
			await("the child application answering").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> status(port, "/actuator/health/ping") == 200);
			assertThat(status(port, "/files/hello.txt")).isEqualTo(200);
			assertThat(status(port, "/files/caf%C3%A9.txt")).isEqualTo(404);
			await("the reason in the log").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
					.contains("Refused download: 'caf")
					.contains("cannot be a file name in this JVM")
					.contains("sun.jnu.encoding=ANSI_X3.4-1968")
					.contains("LANG=C.UTF-8"));
		}
	}

	/**
	 * Starts the sample application in a child JVM without a locale in its environment.
	 * The properties travel in a file with {@code \\u} escapes: command-line arguments
	 * would be decoded with the child's ASCII encoding before Spring sees them.
	 */
	private ChildJvmApp startInAsciiLocale(Map<String, String> properties, int port, Path workDir) throws IOException {
		Properties file = new Properties();
		file.putAll(properties);
		Path config = Files.createDirectories(workDir).resolve("child.properties");
		try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.ISO_8859_1)) {
			file.store(writer, null);
		}
		return ChildJvmApp.launch(ChildJvmApp.Spec
			.ofMainClass(System.getProperty("java.class.path"), SampleApplication.class.getName(), workDir)
			.withPort(port)
			.withProperties(Map.of("spring.config.additional-location", "file:" + config))
			.withoutLocale());
	}

	private static int status(int port, String path) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
