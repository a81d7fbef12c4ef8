package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TestHttpServer;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.storage.DummyFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndToEndCheck}, with a real HTTP server acting as the proxy.
 */
class EndToEndCheckTests {

	private static final DummyFile DUMMY = DummyFile.generate(".download-healthcheck/dummy.bin", 4096);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private TestHttpServer proxy;

	@BeforeEach
	void startProxy() throws IOException {
		this.proxy = new TestHttpServer();
	}

	@AfterEach
	void stopProxy() {
		this.proxy.close();
	}

	@Test
	void dummyBytesWithoutHandOffHeaderAreUp() {
		this.proxy.respond("/view", 200, Map.of("Content-Type", "application/octet-stream"), DUMMY.content());
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.symptom()).isEqualTo(Symptom.NONE);
		assertThat(result.layer()).isEqualTo(Layer.END_TO_END);
	}

	@Test
	void leakedHandOffHeaderIsReported() {
		this.proxy.respond("/view", 200, Map.of("X-Accel-Redirect", "/internal/dummy.bin"), new byte[0]);
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.HAND_OFF_HEADER_LEAKED);
		assertThat(result.reason()).containsIgnoringCase("X-Accel-Redirect");
	}

	@Test
	void leakedHeaderIsReportedEvenWithTheRightBytes() {
		this.proxy.respond("/view", 200, Map.of("X-Accel-Redirect", "/internal/dummy.bin"), DUMMY.content());
		assertThat(check(this.proxy.uri("/view")).symptom()).isEqualTo(Symptom.HAND_OFF_HEADER_LEAKED);
	}

	@Test
	void emptyOkIsEmptyBody() {
		this.proxy.respond("/view", 200, Map.of(), new byte[0]);
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.symptom()).isEqualTo(Symptom.EMPTY_BODY);
		assertThat(result.reason()).contains("4096 bytes");
	}

	@Test
	void otherBytesOfTheSameLengthAreWrongBytes() {
		byte[] altered = DUMMY.content();
		altered[100] ^= 0x01;
		this.proxy.respond("/view", 200, Map.of(), altered);
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_BYTES);
		assertThat(result.reason()).contains(DUMMY.sha256());
	}

	@Test
	void serverErrorIsWrongStatus() {
		this.proxy.respond("/view", 502, Map.of("Content-Type", "text/html"),
				"<html>Bad Gateway</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_STATUS);
		assertThat(result.seen()).containsEntry("bodyPreview", "<html>Bad Gateway</html>");
	}

	@Test
	void connectionRefusedIsReported() throws IOException {
		CheckResult result = check(TestHttpServer.refusingUri("/view"));
		assertThat(result.symptom()).isEqualTo(Symptom.CONNECTION_REFUSED);
	}

	@Test
	void redirectIsNotBlamedOnAFailure() {
		this.proxy.respond("/view", 301, Map.of("Location", "http://127.0.0.1/view/"), new byte[0]);
		CheckResult result = check(this.proxy.uri("/view"));
		assertThat(result.symptom()).isEqualTo(Symptom.REDIRECT);
		assertThat(result.reason()).contains("301 redirect to http://127.0.0.1/view/")
			.contains("redirects the view")
			.doesNotContain("failed");
	}

	private static CheckResult check(URI uri) {
		EndToEndCheck check = new EndToEndCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024), uri, null, null,
				DUMMY, Duration.ofSeconds(5), Clock.systemUTC());
		return check.check().block(WAIT);
	}

}
