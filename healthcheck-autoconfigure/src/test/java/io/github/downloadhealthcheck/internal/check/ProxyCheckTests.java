package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Finding;
import io.github.downloadhealthcheck.check.FindingReport;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpProbe;
import io.github.downloadhealthcheck.internal.http.TestHttpServer;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.storage.DummyFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProxyCheck}, with a real HTTP server acting as the proxy.
 */
class ProxyCheckTests {

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
	void dummyBytesAreUp() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), DUMMY.content());
		CheckResult result = check(this.proxy.uri("/storage/dummy.bin"), 1024 * 1024);
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.layer()).isEqualTo(Layer.PROXY);
		assertThat(result.seen()).containsEntry("bytes", 4096L).containsEntry("sha256", DUMMY.sha256());
		assertThat(result.expected()).containsEntry("bytes", 4096L).containsEntry("sha256", DUMMY.sha256());
	}

	@Test
	void notFoundPointsAtTheAlias() {
		this.proxy.respond("/storage/dummy.bin", 404, Map.of(), new byte[0]);
		CheckResult result = check(this.proxy.uri("/storage/dummy.bin"), 1024 * 1024);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_STATUS);
		assertThat(result.reason()).contains("404").contains("alias or root");
	}

	@Test
	void redirectNamesTheLocation() {
		String location = "https://proxy.example/storage/dummy.bin";
		this.proxy.respond("/storage/dummy.bin", 301, Map.of("Location", location), new byte[0]);
		CheckResult result = check(this.proxy.uri("/storage/dummy.bin"), 1024 * 1024);
		assertThat(result.symptom()).isEqualTo(Symptom.REDIRECT);
		assertThat(result.reason()).contains("301").contains(location);
		assertThat(result.seen()).containsEntry("location", location);
	}

	@Test
	void emptyBodyIsReported() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), new byte[0]);
		CheckResult result = check(this.proxy.uri("/storage/dummy.bin"), 1024 * 1024);
		assertThat(result.symptom()).isEqualTo(Symptom.EMPTY_BODY);
		assertThat(result.reason()).contains("empty body");
	}

	@Test
	void bodyOverTheCapIsTooLarge() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), new byte[64 * 1024]);
		CheckResult result = check(this.proxy.uri("/storage/dummy.bin"), 8 * 1024);
		assertThat(result.symptom()).isEqualTo(Symptom.BODY_TOO_LARGE);
		assertThat(result.reason()).contains("download.healthcheck.max-body-size");
	}

	@Test
	@SuppressWarnings("unchecked")
	void handOffUriServingTheDummyIsAFindingNotAnOutage() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), DUMMY.content());
		this.proxy.respond("/internal-storage/dummy.bin", 200, Map.of(), DUMMY.content());
		CheckResult result = checkWithExposure(this.proxy.uri("/internal-storage/dummy.bin"));
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.reason()).isNull();
		assertThat(result.finding()).isNotNull().extracting(FindingReport::finding).isEqualTo(Finding.STORAGE_EXPOSED);
		Map<String, Object> finding = (Map<String, Object>) result.details().get("finding");
		assertThat(finding).containsEntry("id", "storage-exposed").containsEntry("severity", "critical");
		assertThat(finding.get("reason").toString()).contains("storage exposed publicly")
			.contains("GET " + this.proxy.uri("/internal-storage/dummy.bin"));
		assertThat(finding.get("fix").toString()).contains("/internal-storage/dummy.bin")
			.contains("internal;")
			.contains("download.healthcheck.proxy.check-exposure=false");
		assertThat(result.seen()).containsEntry("exposure",
				Map.of("requested", "GET " + this.proxy.uri("/internal-storage/dummy.bin"), "status", 200));
	}

	@Test
	void handOffUriRefusedIsUpAndSaysWhatItSaw() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), DUMMY.content());
		this.proxy.respond("/internal-storage/dummy.bin", 404, Map.of(), new byte[0]);
		CheckResult result = checkWithExposure(this.proxy.uri("/internal-storage/dummy.bin"));
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.seen()).containsEntry("bytes", 4096L)
			.containsEntry("exposure",
					Map.of("requested", "GET " + this.proxy.uri("/internal-storage/dummy.bin"), "status", 404));
		assertThat(this.proxy.requestsTo("/internal-storage/dummy.bin")).isEqualTo(1);
	}

	@Test
	void handOffUriServingOtherBytesIsNotExposure() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), DUMMY.content());
		this.proxy.respond("/internal-storage/dummy.bin", 200, Map.of(), "an index page".getBytes());
		assertThat(checkWithExposure(this.proxy.uri("/internal-storage/dummy.bin")).status()).isEqualTo(CheckStatus.UP);
	}

	@Test
	void handOffUriThatHangsStaysWithinTheTimeoutAndIsNotExposure() {
		this.proxy.respond("/storage/dummy.bin", 200, Map.of(), DUMMY.content());
		this.proxy.hang("/internal-storage/");
		ProxyCheck check = new ProxyCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024),
				this.proxy.uri("/storage/dummy.bin"), UnaryOperator.identity(),
				this.proxy.uri("/internal-storage/dummy.bin"), null, DUMMY, Duration.ofMillis(500), Clock.systemUTC());
		CheckResult result = check.check().block(WAIT);
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.seen().get("exposure").toString()).contains("no complete answer from")
			.contains("/internal-storage/dummy.bin");
	}

	@Test
	void bodyThatTricklesIsATimeoutThatSaysHowFarItGot() {
		this.proxy.handle("/storage/dummy.bin", (exchange) -> {
			exchange.sendResponseHeaders(200, DUMMY.size());
			exchange.getResponseBody().write(DUMMY.content(), 0, 100);
			exchange.getResponseBody().flush();
			try {
				Thread.sleep(3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		ProxyCheck check = new ProxyCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024),
				this.proxy.uri("/storage/dummy.bin"), UnaryOperator.identity(), null, null, DUMMY,
				Duration.ofMillis(500), Clock.systemUTC());
		CheckResult result = check.check().block(WAIT);
		assertThat(result.symptom()).isEqualTo(Symptom.TIMEOUT);
		assertThat(result.reason()).contains(this.proxy.uri("/storage/dummy.bin")
				+ " answered 200 but sent only 100 body " + "bytes within 500ms: the body trickles");
		// The server takes 3s to finish: a shorter check was cut by its timeout.
		assertThat(result.duration()).isLessThan(Duration.ofMillis(3000));
	}

	@Test
	void dummyLocationFailureIsReportedRatherThanExposure() {
		// Both requests run at once; a layer already down keeps its own reason and fix.
		this.proxy.respond("/storage/dummy.bin", 404, Map.of(), new byte[0]);
		this.proxy.respond("/internal-storage/dummy.bin", 200, Map.of(), DUMMY.content());
		CheckResult result = checkWithExposure(this.proxy.uri("/internal-storage/dummy.bin"));
		assertThat(result.symptom()).isEqualTo(Symptom.WRONG_STATUS);
		assertThat(result.seen()).doesNotContainKey("exposure");
		assertThat(result.details()).doesNotContainKey("fix").doesNotContainKey("finding");
		assertThat(result.finding()).isNull();
	}

	private CheckResult checkWithExposure(URI handOff) {
		ProxyCheck check = new ProxyCheck(new HttpProbe(TestHttpServer.webClient(), 1024 * 1024),
				this.proxy.uri("/storage/dummy.bin"), UnaryOperator.identity(), handOff, null, DUMMY,
				Duration.ofSeconds(5), Clock.systemUTC());
		return check.check().block(WAIT);
	}

	private static CheckResult check(URI uri, long maxBodyBytes) {
		ProxyCheck check = new ProxyCheck(new HttpProbe(TestHttpServer.webClient(), maxBodyBytes), uri,
				UnaryOperator.identity(), null, null, DUMMY, Duration.ofSeconds(5), Clock.systemUTC());
		return check.check().block(WAIT);
	}

}
