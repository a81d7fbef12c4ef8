package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TestHttpServer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.storage.DummyFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackendCheck}, with a real HTTP server acting as the application.
 */
class BackendCheckTests {

	private static final String HEADER = "X-Accel-Redirect";

	private static final String VALUE = "/internal/.download-healthcheck/dummy.bin";

	private static final BackendExpectation HAND_OFF = new BackendExpectation(HEADER, VALUE, null);

	private static final DummyFile DUMMY = DummyFile.generate(".download-healthcheck/dummy.bin", 4096);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private TestHttpServer application;

	@BeforeEach
	void startApplication() throws IOException {
		this.application = new TestHttpServer();
	}

	@AfterEach
	void stopApplication() {
		this.application.close();
	}

	@Test
	void emptyAnswerWithTheExactHandOffHeaderIsUp() {
		this.application.respond("/view", 200, Map.of(HEADER, VALUE), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.symptom()).isEqualTo(Symptom.NONE);
		assertThat(result.reason()).isNull();
		assertThat(result.layer()).isEqualTo(Layer.BACKEND);
		assertThat(result.requested()).isEqualTo("GET " + this.application.uri("/view"));
		assertThat(result.expected()).containsEntry(HEADER, VALUE)
			.containsEntry("status", 200)
			.containsEntry("bytes", 0);
		assertThat(result.seen()).containsEntry("status", 200).containsEntry("bytes", 0L);
	}

	@Test
	void dummyStreamedWithoutHeaderIsStreamedByApplication() {
		this.application.respond("/view", 200, Map.of(), DUMMY.content());
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.STREAMED_BY_APPLICATION);
		assertThat(result.reason()).contains("streamed the dummy file itself");
	}

	@Test
	void rulesThatDoNotHandOffTheDummyAreReportedWithTheirReason() {
		this.application.respond("/view", 200, Map.of(), DUMMY.content());
		BackendExpectation noRule = BackendExpectation.from(new SendfileDecision.Stream("/srv/files/dummy.bin",
				SendfileDecision.Stream.Why.NO_RULE, "no sendfile rule is configured (download.sendfile.rules)"));
		CheckResult result = check(this.application.uri("/view"), noRule, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.STREAMED_BY_APPLICATION);
		assertThat(result.reason()).contains("download.sendfile.rules");
		assertThat(result.evidence().noHandOff()).isEqualTo(Evidence.NoHandOff.NO_RULE);
		assertThat(result.expected()).containsEntry("handOff",
				"none: no sendfile rule is configured (download.sendfile.rules)");
	}

	@Test
	void differentHeaderValueIsWrong() {
		this.application.respond("/view", 200, Map.of(HEADER, "/other/dummy.bin"), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.HAND_OFF_HEADER_WRONG);
		assertThat(result.reason()).contains("'/other/dummy.bin'").contains("'" + VALUE + "'");
	}

	@Test
	void emptyAnswerWithoutHeaderIsWrong() {
		this.application.respond("/view", 200, Map.of(), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.HAND_OFF_HEADER_WRONG);
		assertThat(result.reason()).contains("no " + HEADER + " header");
	}

	@Test
	void bodyAlongWithTheHandOffIsReported() {
		this.application.respond("/view", 200, Map.of(HEADER, VALUE), "oops".getBytes(StandardCharsets.US_ASCII));
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.BODY_WITH_HAND_OFF);
		assertThat(result.reason()).contains("4 body bytes");
	}

	@Test
	void notFoundNamesTheViewPathProperty() {
		this.application.respond("/view", 404, Map.of(), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_STATUS);
		assertThat(result.reason()).contains("404").contains("download.healthcheck.view.path");
	}

	@Test
	void forbiddenSaysTheViewIsSecured() {
		this.application.respond("/view", 403, Map.of(), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_STATUS);
		assertThat(result.reason()).contains("permit anonymous GET");
	}

	@Test
	void redirectIsReportedWithItsLocation() {
		this.application.respond("/view", 302, Map.of("Location", "/login"), new byte[0]);
		CheckResult result = check(this.application.uri("/view"), HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.REDIRECT);
		assertThat(result.reason()).contains("/login");
	}

	@Test
	void connectionRefusedIsReported() throws IOException {
		URI refusing = TestHttpServer.refusingUri("/view");
		CheckResult result = check(refusing, HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.CONNECTION_REFUSED);
		assertThat(result.reason()).contains(refusing.toString());
	}

	@Test
	void applicationThatNeverAnswersTimesOutWithinTheCheckTimeout() {
		this.application.hang("/view");
		BackendCheck check = new BackendCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024),
				() -> this.application.uri("/view"), HAND_OFF, DUMMY, Duration.ofMillis(300), Clock.systemUTC());
		CheckResult result = check.check().block(WAIT);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(result.reason()).contains("within 300ms");
		assertThat(this.application.requestsTo("/view")).isOne();
	}

	@Test
	void unknownUrlIsNotConfigured() {
		BackendCheck check = new BackendCheck(new HttpProbe(TestHttpServer.webClient(), 1024), () -> null, HAND_OFF,
				DUMMY, Duration.ofSeconds(1), Clock.systemUTC());
		CheckResult result = check.check().block(WAIT);
		assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.NOT_CONFIGURED);
		assertThat(result.reason()).contains("download.healthcheck.backend.url");
	}

	@Test
	void passwordInTheUrlNeverShowsInTheResult() throws IOException {
		URI refusing = TestHttpServer.refusingUri("/view");
		URI withPassword = URI.create("http://admin:hunter2@127.0.0.1:" + refusing.getPort() + "/view");
		CheckResult result = check(withPassword, HAND_OFF, Duration.ofSeconds(5));
		assertThat(result.symptom()).isEqualTo(Symptom.CONNECTION_REFUSED);
		assertThat(result.requested()).contains("admin:******@").doesNotContain("hunter2");
		assertThat(result.reason()).doesNotContain("hunter2");
		assertThat(result.details().toString()).doesNotContain("hunter2");
	}

	private static CheckResult check(URI uri, BackendExpectation expectation, Duration timeout) {
		BackendCheck check = new BackendCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024), () -> uri,
				expectation, DUMMY, timeout, Clock.systemUTC());
		return check.check().block(WAIT);
	}

}
