package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnoser} per proxy: the fix names the setting of the proxy in use.
 */
class ProxyDiagnosisTests {

	private static Map<Layer, CheckResult> endToEndDown(Symptom symptom) {
		return endToEndDown(symptom,
				Evidence.answer((symptom == Symptom.WRONG_STATUS) ? 404 : 200,
						(symptom == Symptom.WRONG_STATUS) ? Evidence.BodyFrom.PROXY : Evidence.BodyFrom.NONE, null,
						null, null, null));
	}

	private static Map<Layer, CheckResult> endToEndDown(Symptom symptom, Evidence evidence) {
		Map<Layer, CheckResult> results = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			boolean down = layer == Layer.END_TO_END;
			results.put(layer,
					new CheckResult(layer, down ? CheckStatus.DOWN : CheckStatus.UP, down ? symptom : Symptom.NONE,
							"GET x", Map.of(), Map.of(), down ? "broken" : null, Duration.ZERO, Instant.EPOCH,
							down ? evidence : Evidence.NONE, null, null));
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
	void emptyBodyBehindNginxOrLighttpdNamesTheSwitchOfEach() {
		assertThat(fix(Symptom.EMPTY_BODY, SendfileServer.NGINX, "/internal-storage")).contains("proxy_ignore_headers");
		assertThat(fix(Symptom.EMPTY_BODY, SendfileServer.LIGHTTPD, "/srv")).contains("\"x-sendfile\" => \"enable\"");
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
		CheckResult proxy = results.get(Layer.PROXY);
		results.put(Layer.PROXY,
				new CheckResult(Layer.PROXY, CheckStatus.DOWN, Symptom.WRONG_STATUS, "GET x", Map.of(), Map.of(), "404",
						Duration.ZERO, Instant.EPOCH,
						Evidence.answer(404, Evidence.BodyFrom.PROXY, null, null, null, null), null, null));
		assertThat(proxy.isUp()).isTrue();
		Map<Layer, Explanation> explained = Diagnoser.explain(results, context(SendfileServer.LIGHTTPD, "/srv"));
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.PROXY_STORAGE_PATH_WRONG);
		assertThat(explained.get(Layer.PROXY).fix()).contains("alias.url");
		assertThat(explained.get(Layer.END_TO_END).explainedBy()).isEqualTo(Layer.PROXY);
	}

	private static String fix(Symptom symptom, SendfileServer server, String destination) {
		Explanation explanation = Diagnoser.explain(endToEndDown(symptom), context(server, destination))
			.get(Layer.END_TO_END);
		assertThat(explanation.cause()).isIn(Cause.HAND_OFF_IGNORED, Cause.HAND_OFF_TARGET_MISSING);
		return explanation.fix();
	}

}
