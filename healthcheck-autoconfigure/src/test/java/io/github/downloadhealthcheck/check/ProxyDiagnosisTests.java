package io.github.downloadhealthcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnosis} per proxy: the fix names the setting of the proxy in use.
 */
class ProxyDiagnosisTests {

	private static Map<Layer, CheckResult> endToEndDown(Symptom symptom) {
		Map<Layer, CheckResult> results = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			boolean down = layer == Layer.END_TO_END;
			results.put(layer,
					new CheckResult(layer, down ? CheckStatus.DOWN : CheckStatus.UP, down ? symptom : Symptom.NONE,
							"GET x", Map.of(), Map.of(), down ? "broken" : null, Duration.ZERO, Instant.EPOCH,
							Map.of()));
		}
		return results;
	}

	private static DiagnosisContext context(SendfileServer server, String destination) {
		return new DiagnosisContext("folder /srv", destination, server.hints(destination, "/srv"));
	}

	@Test
	void leakedHeaderNamesTheSwitchOfEachProxy() {
		assertThat(fix(Symptom.HAND_OFF_HEADER_LEAKED, SendfileServer.APACHE, "/srv")).contains("XSendFile On");
		assertThat(fix(Symptom.HAND_OFF_HEADER_LEAKED, SendfileServer.CADDY, "/internal-storage"))
			.contains("handle_response");
	}

	@Test
	void emptyBodyBehindNginxOrLighttpdNamesTheSwitchAndTheTarget() {
		assertThat(fix(Symptom.EMPTY_BODY, SendfileServer.NGINX, "/internal-storage")).contains("proxy_ignore_headers")
			.contains("location /internal-storage/ { internal; alias /srv/; }");
		assertThat(fix(Symptom.EMPTY_BODY, SendfileServer.LIGHTTPD, "/srv")).contains("\"x-sendfile\" => \"enable\"")
			.contains("x-sendfile-docroot");
	}

	@Test
	void wrongStatusNamesTheTargetSetting() {
		assertThat(fix(Symptom.WRONG_STATUS, SendfileServer.APACHE, "/srv")).contains("XSendFilePath /srv")
			.doesNotContain("XSendFile On");
		assertThat(fix(Symptom.WRONG_STATUS, SendfileServer.LIGHTTPD, "/srv")).contains("\"x-sendfile-docroot\"");
		assertThat(fix(Symptom.WRONG_STATUS, SendfileServer.CADDY, "/internal-storage")).contains("uri strip_prefix");
	}

	@Test
	void proxyStorageAccessNamesTheDummyLocationSetting() {
		Map<Layer, CheckResult> results = endToEndDown(Symptom.WRONG_STATUS);
		results.put(Layer.PROXY, results.get(Layer.PROXY).asDown(Symptom.WRONG_STATUS, "404"));
		Diagnosis diagnosis = Diagnosis.of(results, context(SendfileServer.LIGHTTPD, "/srv")).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.PROXY_STORAGE_ACCESS);
		assertThat(diagnosis.fix()).contains("alias.url");
	}

	private static String fix(Symptom symptom, SendfileServer server, String destination) {
		Diagnosis diagnosis = Diagnosis.of(endToEndDown(symptom), context(server, destination)).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.HAND_OFF);
		return diagnosis.fix();
	}

}
