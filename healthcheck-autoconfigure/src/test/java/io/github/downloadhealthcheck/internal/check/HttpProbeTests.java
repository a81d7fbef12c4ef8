package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.internal.http.TransportFailures;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TestHttpServer;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

import io.github.downloadhealthcheck.storage.DummyFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpProbe}, against a real HTTP server, on each HTTP client library
 * the checks run on: the JDK's HttpClient (servlet apps) and Reactor Netty (WebFlux
 * apps).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = { "jdk", "reactor-netty" })
class HttpProbeTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final String connector;

	private TestHttpServer server;

	HttpProbeTests(String connector) {
		this.connector = connector;
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = new TestHttpServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void okBodyIsDigestedAndCountedExactly() {
		DummyFile dummy = DummyFile.generate("dummy.bin", 100_000);
		this.server.respond("/dummy", 200, Map.of("Content-Type", "application/octet-stream"), dummy.content());
		HttpObservation seen = probe(1024 * 1024).get(this.server.uri("/dummy")).block(WAIT);
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.bodyBytes()).isEqualTo(100_000);
		assertThat(seen.sha256()).isEqualTo(dummy.sha256());
		assertThat(seen.overCap()).isFalse();
		assertThat(seen.preview()).isNull();
	}

	@Test
	void bodyOfExactlyTheCapIsNotOverCap() {
		DummyFile dummy = DummyFile.generate("dummy.bin", 4096);
		this.server.respond("/dummy", 200, Map.of(), dummy.content());
		HttpObservation seen = probe(4096).get(this.server.uri("/dummy")).block(WAIT);
		assertThat(seen.overCap()).isFalse();
		assertThat(seen.bodyBytes()).isEqualTo(4096);
		assertThat(seen.sha256()).isEqualTo(dummy.sha256());
	}

	@Test
	void emptyBodyHasZeroBytes() {
		this.server.respond("/empty", 200, Map.of("X-Accel-Redirect", "/internal/x"), new byte[0]);
		HttpObservation seen = probe(1024).get(this.server.uri("/empty")).block(WAIT);
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.bodyBytes()).isZero();
		assertThat(seen.header("X-Accel-Redirect")).isEqualTo("/internal/x");
		// The JDK server sends the name as "X-accel-redirect": header names are
		// case-insensitive.
		assertThat(seen.handOffHeaders()).hasSize(1).containsValue("/internal/x");
		assertThat(seen.handOffHeaders().keySet())
			.allSatisfy((name) -> assertThat(name).isEqualToIgnoringCase("X-Accel-Redirect"));
	}

	@Test
	void textBodyGetsAOneLinePreview() {
		this.server.respond("/text", 500, Map.of("Content-Type", "text/plain"),
				"Internal\n   error\r\n".getBytes(StandardCharsets.UTF_8));
		HttpObservation seen = probe(1024).get(this.server.uri("/text")).block(WAIT);
		assertThat(seen.status()).isEqualTo(500);
		assertThat(seen.preview()).isEqualTo("Internal error");
		assertThat(seen.describe()).containsEntry("bodyPreview", "Internal error");
	}

	@Test
	void bodyLargerThanTheCapStopsTheReading() throws InterruptedException {
		long total = 50L * 1024 * 1024;
		AtomicLong written = new AtomicLong();
		AtomicBoolean writeFailed = new AtomicBoolean();
		CountDownLatch handlerDone = new CountDownLatch(1);
		this.server.handle("/huge", (exchange) -> {
			try {
				exchange.sendResponseHeaders(200, 0);
				byte[] chunk = new byte[64 * 1024];
				try (OutputStream out = exchange.getResponseBody()) {
					while (written.get() < total) {
						out.write(chunk);
						written.addAndGet(chunk.length);
					}
				}
			}
			catch (IOException ex) {
				writeFailed.set(true);
			}
			finally {
				handlerDone.countDown();
			}
		});
		HttpObservation seen = probe(64 * 1024).get(this.server.uri("/huge")).block(WAIT);
		assertThat(seen.overCap()).isTrue();
		assertThat(seen.bodyBytes()).isGreaterThan(64 * 1024).isLessThan(1024 * 1024);
		assertThat(seen.describe()).containsEntry("bytes", "more than " + seen.bodyBytes()).doesNotContainKey("sha256");
		// The probe dropped the connection instead of draining 50 MB: the server's writes
		// fail.
		assertThat(handlerDone.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(writeFailed).isTrue();
		assertThat(written.get()).isLessThan(total);
	}

	@Test
	void redirectIsReportedNotFollowed() {
		this.server.respond("/old", 301, Map.of("Location", this.server.uri("/new").toString()), new byte[0]);
		this.server.respond("/new", 200, Map.of(), new byte[] { 1, 2, 3 });
		HttpObservation seen = probe(1024).get(this.server.uri("/old")).block(WAIT);
		assertThat(seen.status()).isEqualTo(301);
		assertThat(seen.header(HttpHeaders.LOCATION)).isEqualTo(this.server.uri("/new").toString());
		assertThat(seen.describe()).containsEntry("location", this.server.uri("/new").toString());
		assertThat(this.server.requestsTo("/new")).isZero();
		assertThat(this.server.requestsTo("/old")).isOne();
	}

	@Test
	void userInfoBecomesBasicAuthentication() {
		this.server.respond("/secured", 200, Map.of(), new byte[0]);
		URI uri = URI.create("http://alice:s%3Acr%40t@127.0.0.1:" + this.server.port() + "/secured");
		HttpObservation seen = probe(1024).get(uri).block(WAIT);
		assertThat(seen.status()).isEqualTo(200);
		TestHttpServer.Request request = this.server.requests().get(0);
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString("alice:s:cr@t".getBytes(StandardCharsets.UTF_8));
		assertThat(request.headers().getFirst("Authorization")).isEqualTo(expected);
		assertThat(request.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + this.server.port());
	}

	@Test
	void noUserInfoSendsNoAuthorization() {
		this.server.respond("/open", 200, Map.of(), new byte[0]);
		probe(1024).get(this.server.uri("/open")).block(WAIT);
		assertThat(this.server.requests().get(0).headers().containsKey("Authorization")).isFalse();
	}

	@Test
	void connectionRefusedIsAnError() throws IOException {
		URI refusing = TestHttpServer.refusingUri("/x");
		assertThat(probe(1024).get(refusing).map((seen) -> "answered").onErrorResume((error) -> {
			TransportFailures.Failure failure = TransportFailures.classify(error, "target", Duration.ofSeconds(1));
			return Mono.just(failure.symptom().name());
		}).block(WAIT)).isEqualTo("CONNECTION_REFUSED");
	}

	@Test
	void serverThatNeverAnswersIsCutByTheCheckTimeout() {
		this.server.hang("/hang");
		ResultRecorder recorder = new ResultRecorder(Layer.PROXY, "test", java.time.Clock.systemUTC());
		CheckResult result = HttpChecks
			.get(probe(1024), this.server.uri("/hang"), Duration.ofMillis(300), recorder, Map.of(),
					(seen, ignored) -> recorder.up(Map.of(), seen.describe()))
			.block(WAIT);
		assertThat(result.symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(result.reason()).contains("within 300ms");
	}

	private HttpProbe probe(long maxBodyBytes) {
		return new HttpProbe(TestHttpServer.webClient(this.connector), maxBodyBytes);
	}

}
