package io.github.downloadhealthcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnosis}.
 */
class DiagnosisTests {

	private static final DiagnosisContext CONTEXT = new DiagnosisContext("folder /srv/files", "/internal-storage");

	@Test
	void endToEndUpNeedsNoDiagnosis() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), down(Layer.BACKEND, Symptom.TIMEOUT),
				up(Layer.PROXY), up(Layer.END_TO_END));
		assertThat(Diagnosis.of(results, CONTEXT)).isEmpty();
	}

	@Test
	void endToEndUnknownNeedsNoDiagnosis() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY),
				result(Layer.END_TO_END, CheckStatus.UNKNOWN, Symptom.NOT_CONFIGURED));
		assertThat(Diagnosis.of(results, CONTEXT)).isEmpty();
	}

	@Test
	void storageDownIsSuspectedFirst() {
		Map<Layer, CheckResult> results = results(down(Layer.STORAGE, Symptom.DUMMY_MISSING),
				down(Layer.BACKEND, Symptom.STREAMED_BY_APPLICATION), down(Layer.PROXY, Symptom.WRONG_STATUS),
				down(Layer.END_TO_END, Symptom.WRONG_STATUS));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.STORAGE);
		assertThat(diagnosis.fix()).contains("folder /srv/files");
	}

	@Test
	void backendStreamingIsTheApplicationAndTheFixNamesTheRules() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE),
				down(Layer.BACKEND, Symptom.STREAMED_BY_APPLICATION), up(Layer.PROXY),
				down(Layer.END_TO_END, Symptom.WRONG_BYTES));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.BACKEND);
		assertThat(diagnosis.fix()).contains("download.sendfile.rules");
	}

	@Test
	void backendWithWrongHeaderIsTheApplication() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), down(Layer.BACKEND, Symptom.HAND_OFF_HEADER_WRONG),
				up(Layer.PROXY), down(Layer.END_TO_END, Symptom.EMPTY_BODY));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.BACKEND);
		assertThat(diagnosis.fix()).contains("download.sendfile.rules");
	}

	@Test
	void backendOtherwiseDownPointsAtTheBackendReason() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), down(Layer.BACKEND, Symptom.WRONG_STATUS),
				up(Layer.PROXY), down(Layer.END_TO_END, Symptom.WRONG_STATUS));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.BACKEND);
		assertThat(diagnosis.fix()).contains("backend component");
	}

	@Test
	void unreachableEndToEndWithProxyDownIsTheProxy() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND),
				down(Layer.PROXY, Symptom.CONNECTION_REFUSED), down(Layer.END_TO_END, Symptom.CONNECTION_REFUSED));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.PROXY);
		assertThat(diagnosis.fix()).contains("start the proxy").contains("reason of END_TO_END");
	}

	@Test
	void unreachableEndToEndWithProxyNotConfiguredIsTheProxy() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND),
				result(Layer.PROXY, CheckStatus.UNKNOWN, Symptom.NOT_CONFIGURED),
				down(Layer.END_TO_END, Symptom.TIMEOUT));
		assertThat(Diagnosis.of(results, CONTEXT)).map(Diagnosis::suspect).contains(Suspect.PROXY);
	}

	@Test
	void proxyNotServingStorageIsProxyStorageAccess() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND),
				down(Layer.PROXY, Symptom.WRONG_STATUS), down(Layer.END_TO_END, Symptom.EMPTY_BODY));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.PROXY_STORAGE_ACCESS);
		assertThat(diagnosis.fix()).contains("folder /srv/files").contains("read access");
	}

	@Test
	void emptyBodyWithEverythingElseUpIsTheHandOffAndNamesTheInternalLocation() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY),
				down(Layer.END_TO_END, Symptom.EMPTY_BODY));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.HAND_OFF);
		assertThat(diagnosis.fix()).contains("location /internal-storage/").contains("internal;");
	}

	@Test
	void leakedHeaderIsTheHandOffAndNamesProxyIgnoreHeaders() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY),
				down(Layer.END_TO_END, Symptom.HAND_OFF_HEADER_LEAKED));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.HAND_OFF);
		assertThat(diagnosis.fix()).contains("proxy_ignore_headers");
	}

	@Test
	void alteredBytesWithEverythingElseUpBlameWhatChangesTheBody() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY),
				down(Layer.END_TO_END, Symptom.WRONG_BYTES));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.HAND_OFF);
		assertThat(diagnosis.fix()).contains("compression");
	}

	@Test
	void proxyThatDoesNotAnswerInTimeIsTheProxyWithoutBeingToldToStartIt() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND),
				down(Layer.PROXY, Symptom.TIMEOUT), down(Layer.END_TO_END, Symptom.TIMEOUT));
		Diagnosis diagnosis = Diagnosis.of(results, CONTEXT).orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.PROXY);
		assertThat(diagnosis.fix()).contains("does not answer in time").doesNotContain("start the proxy");
	}

	@Test
	void gatewayErrorWithTheApplicationUpIsTheProxysUpstream() {
		CheckResult endToEnd = new CheckResult(Layer.END_TO_END, CheckStatus.DOWN, Symptom.WRONG_STATUS, "GET x",
				Map.of(), Map.of("status", 502), "answered 502", Duration.ofMillis(5),
				Instant.parse("2026-01-01T00:00:00Z"), Map.of());
		Diagnosis diagnosis = Diagnosis
			.of(results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY), endToEnd), CONTEXT)
			.orElseThrow();
		assertThat(diagnosis.suspect()).isEqualTo(Suspect.PROXY);
		assertThat(diagnosis.fix()).contains("502").contains("proxy_pass");
	}

	@Test
	void emptyBodyNamesProxyIgnoreHeadersToo() {
		Map<Layer, CheckResult> results = results(up(Layer.STORAGE), up(Layer.BACKEND), up(Layer.PROXY),
				down(Layer.END_TO_END, Symptom.EMPTY_BODY));
		assertThat(Diagnosis.of(results, CONTEXT).orElseThrow().fix()).contains("proxy_ignore_headers");
	}

	@Test
	void detailsHaveTheSuspectLabelAndTheFix() {
		Diagnosis diagnosis = new Diagnosis(Suspect.PROXY_STORAGE_ACCESS, "do this");
		assertThat(diagnosis.details()).containsExactly(Map.entry("suspect", "proxy storage access"),
				Map.entry("fix", "do this"));
	}

	private static Map<Layer, CheckResult> results(CheckResult... results) {
		Map<Layer, CheckResult> map = new EnumMap<>(Layer.class);
		for (CheckResult result : results) {
			map.put(result.layer(), result);
		}
		return map;
	}

	private static CheckResult up(Layer layer) {
		return result(layer, CheckStatus.UP, Symptom.NONE);
	}

	private static CheckResult down(Layer layer, Symptom symptom) {
		return result(layer, CheckStatus.DOWN, symptom);
	}

	private static CheckResult result(Layer layer, CheckStatus status, Symptom symptom) {
		String reason = (status == CheckStatus.UP) ? null : "reason of " + layer;
		return new CheckResult(layer, status, symptom, "GET http://127.0.0.1/" + layer.id(), Map.of(), Map.of(), reason,
				Duration.ofMillis(5), Instant.parse("2026-01-01T00:00:00Z"), Map.of());
	}

}
