package io.github.downloadhealthcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CauseAnalysis}: each DOWN layer gets the cause its observations
 * support, one fix naming one setting, and no lead that was not observed.
 */
class CauseAnalysisTests {

	private static final String BACKEND_URL = "GET http://127.0.0.1:8080/healthcheck-utils/download/";

	private final Map<Layer, CheckResult> results = new EnumMap<>(Layer.class);

	CauseAnalysisTests() {
		for (Layer layer : Layer.values()) {
			this.results.put(layer, up(layer));
		}
	}

	// ---------------------------------------------------------------- storage

	@Test
	void dummyThatCouldNotBeWrittenIsNotWritableNotUnreadable() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING, "dummy", "missing", "rewrite",
				"failed: AccessDeniedException /srv/.download-healthcheck/dummy.bin");
		Explanation storage = explain(SendfileServer.NGINX).get(Layer.STORAGE);
		assertThat(storage.cause()).isEqualTo(Cause.STORAGE_NOT_WRITABLE);
		assertThat(storage.fix()).contains("write access").doesNotContain("read");
	}

	@Test
	void missingRootIsTheRootAndEveryDependentLayerSaysSo() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING, "dummy", "missing", "why", "storage root folder does not exist",
				"rewrite", "before the next check");
		down(Layer.PROXY, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "proxy");
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "proxy");
		Map<Layer, Explanation> explained = explain(SendfileServer.NGINX);
		assertThat(explained.get(Layer.STORAGE).cause()).isEqualTo(Cause.STORAGE_ROOT_MISSING);
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.STORAGE_ROOT_MISSING);
		assertThat(explained.get(Layer.PROXY).explainedBy()).isEqualTo(Layer.STORAGE);
		assertThat(explained.get(Layer.END_TO_END).details()).containsEntry("suspect", "storage-root-missing")
			.containsEntry("explainedBy", "storage");
	}

	@Test
	void endToEndHangingOnAHungStorageIsTheStorage() {
		down(Layer.STORAGE, Symptom.TIMEOUT);
		down(Layer.PROXY, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "proxy");
		down(Layer.END_TO_END, Symptom.TIMEOUT, "late", "headers");
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(endToEnd.explainedBy()).isEqualTo(Layer.STORAGE);
	}

	@Test
	void proxyHangingOnAHungStorageIsTheStorage() {
		down(Layer.STORAGE, Symptom.TIMEOUT);
		down(Layer.PROXY, Symptom.TIMEOUT, "late", "headers");
		down(Layer.END_TO_END, Symptom.TIMEOUT, "late", "headers");
		Map<Layer, Explanation> explained = explain(SendfileServer.NGINX);
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(explained.get(Layer.END_TO_END).cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(explained.get(Layer.END_TO_END).explainedBy()).isEqualTo(Layer.STORAGE);
	}

	@Test
	void dummyPathHeldByAFolderIsNamedSo() {
		down(Layer.STORAGE, Symptom.STORAGE_ERROR, "readError", "IOException Is a directory");
		assertThat(explain(SendfileServer.NGINX).get(Layer.STORAGE).fix()).contains("download.healthcheck.dummy.path");
	}

	// ---------------------------------------------------------------- proxy alone

	@Test
	void proxyServingOtherBytesWhileStorageIsRightGetsItsOwnFixWithoutReadableLeads() {
		down(Layer.PROXY, Symptom.WRONG_BYTES, "status", 200, "bytes", 12L);
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_SERVES_OTHER_FILE);
		assertThat(proxy.fix()).contains("alias of the dummy file's location").doesNotContain("readable");
	}

	@Test
	void proxyForbiddenWhileStorageIsRightIsPermissionAndNamesNoAlias() {
		down(Layer.PROXY, Symptom.WRONG_STATUS, "status", 403, "bodyFrom", "proxy");
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_STORAGE_PERMISSION);
		assertThat(proxy.fix()).contains("read access").doesNotContain("alias");
	}

	@Test
	void proxyNotFindingTheFileIsItsPathAndNamesNoPermission() {
		down(Layer.PROXY, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "proxy");
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_STORAGE_PATH_WRONG);
		assertThat(proxy.fix()).contains("alias").doesNotContain("read access");
	}

	@Test
	void proxyBodyLateIsARateLimitInTheProxysWords() {
		down(Layer.PROXY, Symptom.TIMEOUT, "status", 200, "bytes", 1024L, "late", "body");
		assertThat(explain(SendfileServer.NGINX).get(Layer.PROXY).fix()).contains("limit_rate");
		assertThat(explain(SendfileServer.LIGHTTPD).get(Layer.PROXY).fix()).contains("connection.kbytes-per-second")
			.doesNotContain("limit_rate");
	}

	// ---------------------------------------------------------------- hand-off

	@Test
	void emptyBodyBehindNginxIsTheSwitchAloneWithoutTheLocation() {
		down(Layer.END_TO_END, Symptom.EMPTY_BODY, "status", 200, "bytes", 0L);
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_IGNORED);
		assertThat(endToEnd.fix()).contains("proxy_ignore_headers").doesNotContain("location").doesNotContain("alias");
		assertThat(endToEnd.alternative()).isNull();
	}

	@Test
	void leakedHeaderBehindApacheIsTheSwitchAloneWithoutTheAllowedPath() {
		down(Layer.END_TO_END, Symptom.HAND_OFF_HEADER_LEAKED, "status", 200, "X-Sendfile", "/srv/x");
		Explanation endToEnd = explain(SendfileServer.APACHE).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_IGNORED);
		assertThat(endToEnd.fix()).contains("XSendFile On").doesNotContain("XSendFilePath");
	}

	@Test
	void applicationsOwn404ForTheHandOffUriIsAMissingTargetWithBothWaysToReconcile() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "application", "bodyPreview",
				"{\"timestamp\":\"2026-11-30T00:00:00Z\",\"status\":404,\"error\":\"Not Found\","
						+ "\"path\":\"/internal-storage/.download-healthcheck/dummy.bin\"}");
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_TARGET_MISSING);
		assertThat(endToEnd.fix()).contains("location /internal-storage/ { internal; alias /srv/; }")
			.doesNotContain("finds no file");
		assertThat(endToEnd.alternative()).contains("download.sendfile.rules[n].destination");
	}

	@Test
	void applicationsOwnErrorForAnotherPathIsTheRouteToTheView() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "application", "bodyPreview",
				"{\"status\":404,\"error\":\"Not Found\",\"path\":\"/prefix/healthcheck-utils/download/\"}");
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.VIEW_ROUTE_WRONG);
		assertThat(endToEnd.fix()).contains("proxy_pass http://127.0.0.1:8080;");
		assertThat(endToEnd.alternative()).contains("download.healthcheck.end-to-end.url");
	}

	@Test
	void proxysOwn404WithItsDummyLocationWorkingIsAMissingTarget() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 404, "bodyFrom", "proxy");
		Explanation endToEnd = explain(SendfileServer.APACHE).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_TARGET_MISSING);
		assertThat(endToEnd.fix()).contains("XSendFilePath /srv").doesNotContain("XSendFile On");
	}

	// ---------------------------------------------------------------- route to the
	// application

	@Test
	void slowRouteIsTheUpstreamNotTheHandOffAndNamesNoErrorLog() {
		this.results.put(Layer.BACKEND, new CheckResult(Layer.BACKEND, CheckStatus.UP, Symptom.NONE, BACKEND_URL,
				Map.of(), Map.of(), null, Duration.ofMillis(12), Instant.EPOCH, Map.of()));
		down(Layer.END_TO_END, Symptom.TIMEOUT, "late", "headers");
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UPSTREAM_SLOW);
		assertThat(endToEnd.fix()).contains("proxy_pass http://127.0.0.1:8080;", "12 ms").doesNotContain("error log");
	}

	@Test
	void badGatewayWithTheApplicationUpNamesTheUpstreamLine() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 502, "bodyFrom", "proxy");
		Explanation endToEnd = explain(SendfileServer.CADDY).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UPSTREAM_UNREACHABLE);
		assertThat(endToEnd.fix()).contains("reverse_proxy http://127.0.0.1:8080");
	}

	@Test
	void compressedBodyIsNamedFromContentEncoding() {
		down(Layer.END_TO_END, Symptom.WRONG_BYTES, "status", 200, "contentEncoding", "gzip");
		assertThat(explain(SendfileServer.NGINX).get(Layer.END_TO_END).cause()).isEqualTo(Cause.BODY_ENCODED);
	}

	@Test
	void observationsThatFitNoCauseSayWhatWasSeenAndNoFamiliarFix() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, "status", 418, "bodyFrom", "proxy");
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UNKNOWN);
		assertThat(endToEnd.fix()).startsWith("not known").contains("418").doesNotContain("alias");
	}

	@Test
	void upLayersGetNoExplanation() {
		assertThat(explain(SendfileServer.NGINX)).isEmpty();
	}

	// ---------------------------------------------------------------- helpers

	private Map<Layer, Explanation> explain(SendfileServer server) {
		String destination = server.takesUri() ? "/internal-storage" : "/srv";
		return CauseAnalysis.explain(this.results,
				new DiagnosisContext("folder /srv", destination, server.hints(destination, "/srv")));
	}

	private void down(Layer layer, Symptom symptom, Object... seen) {
		Map<String, Object> observed = new LinkedHashMap<>();
		for (int i = 0; i < seen.length; i += 2) {
			observed.put((String) seen[i], seen[i + 1]);
		}
		this.results.put(layer, new CheckResult(layer, CheckStatus.DOWN, symptom, requested(layer), Map.of(), observed,
				"broken", Duration.ofMillis(5), Instant.EPOCH, Map.of()));
	}

	private static CheckResult up(Layer layer) {
		return new CheckResult(layer, CheckStatus.UP, Symptom.NONE, requested(layer), Map.of(), Map.of(),
				(@Nullable String) null, Duration.ofMillis(5), Instant.EPOCH, Map.of());
	}

	private static String requested(Layer layer) {
		return (layer == Layer.BACKEND) ? BACKEND_URL : "GET http://127.0.0.1:9000/" + layer.id();
	}

}
