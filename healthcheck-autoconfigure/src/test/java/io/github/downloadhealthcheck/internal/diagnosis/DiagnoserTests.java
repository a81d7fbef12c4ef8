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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnoser}: each DOWN layer gets the cause its observations support,
 * one fix naming one setting, and no lead that was not observed.
 */
class DiagnoserTests {

	private static final String BACKEND_URL = "GET http://127.0.0.1:8080/healthcheck-utils/download/";

	private final Map<Layer, CheckResult> results = new EnumMap<>(Layer.class);

	DiagnoserTests() {
		for (Layer layer : Layer.values()) {
			this.results.put(layer, up(layer));
		}
	}

	// ---------------------------------------------------------------- storage

	@Test
	void dummyThatCouldNotBeWrittenIsNotWritableNotUnreadable() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING,
				Evidence.storage(Evidence.StorageFault.FILE_MISSING, Evidence.StorageFault.ACCESS_DENIED));
		Explanation storage = explain(SendfileServer.NGINX).get(Layer.STORAGE);
		assertThat(storage.cause()).isEqualTo(Cause.STORAGE_NOT_WRITABLE);
		assertThat(storage.fix()).contains("write access").doesNotContain("read");
	}

	@Test
	void missingRootIsTheRootAndEveryDependentLayerSaysSo() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING,
				Evidence.storage(Evidence.StorageFault.ROOT_MISSING, Evidence.StorageFault.NONE));
		down(Layer.PROXY, Symptom.WRONG_STATUS, answer(404, Evidence.BodyFrom.PROXY));
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, answer(404, Evidence.BodyFrom.PROXY));
		Map<Layer, Explanation> explained = explain(SendfileServer.NGINX);
		assertThat(explained.get(Layer.STORAGE).cause()).isEqualTo(Cause.STORAGE_ROOT_MISSING);
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.STORAGE_ROOT_MISSING);
		assertThat(explained.get(Layer.PROXY).explainedBy()).isEqualTo(Layer.STORAGE);
		assertThat(explained.get(Layer.END_TO_END).details()).containsEntry("cause", "storage-root-missing")
			.containsEntry("explainedBy", "storage");
	}

	@Test
	void endToEndHangingOnAHungStorageIsTheStorage() {
		down(Layer.STORAGE, Symptom.TIMEOUT, Evidence.storage(Evidence.StorageFault.HANGS, Evidence.StorageFault.NONE));
		down(Layer.PROXY, Symptom.WRONG_STATUS, answer(404, Evidence.BodyFrom.PROXY));
		down(Layer.END_TO_END, Symptom.TIMEOUT, Evidence.late(Evidence.Late.HEADERS, -1));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(endToEnd.explainedBy()).isEqualTo(Layer.STORAGE);
	}

	@Test
	void proxyHangingOnAHungStorageIsTheStorage() {
		down(Layer.STORAGE, Symptom.TIMEOUT, Evidence.storage(Evidence.StorageFault.HANGS, Evidence.StorageFault.NONE));
		down(Layer.PROXY, Symptom.TIMEOUT, Evidence.late(Evidence.Late.HEADERS, -1));
		down(Layer.END_TO_END, Symptom.TIMEOUT, Evidence.late(Evidence.Late.HEADERS, -1));
		Map<Layer, Explanation> explained = explain(SendfileServer.NGINX);
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(explained.get(Layer.END_TO_END).cause()).isEqualTo(Cause.STORAGE_HANGS);
		assertThat(explained.get(Layer.END_TO_END).explainedBy()).isEqualTo(Layer.STORAGE);
	}

	@Test
	void dummyPathHeldByAFolderIsNamedSo() {
		down(Layer.STORAGE, Symptom.STORAGE_ERROR,
				Evidence.storage(Evidence.StorageFault.NOT_A_FILE, Evidence.StorageFault.NONE));
		assertThat(explain(SendfileServer.NGINX).get(Layer.STORAGE).fix()).contains("download.healthcheck.dummy.path");
	}

	// ---------------------------------------------------------------- proxy alone

	@Test
	void proxyServingOtherBytesWhileStorageIsRightGetsItsOwnFixWithoutReadableLeads() {
		down(Layer.PROXY, Symptom.WRONG_BYTES, answer(200, Evidence.BodyFrom.NONE));
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_SERVES_OTHER_FILE);
		assertThat(proxy.fix()).contains("alias of the dummy file's location").doesNotContain("readable");
	}

	@Test
	void proxyForbiddenWhileStorageIsRightIsPermissionAndNamesNoAlias() {
		down(Layer.PROXY, Symptom.WRONG_STATUS, answer(403, Evidence.BodyFrom.PROXY));
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_STORAGE_PERMISSION);
		assertThat(proxy.fix()).contains("read access").doesNotContain("alias");
	}

	@Test
	void proxyNotFindingTheFileIsItsPathAndNamesNoPermission() {
		down(Layer.PROXY, Symptom.WRONG_STATUS, answer(404, Evidence.BodyFrom.PROXY));
		Explanation proxy = explain(SendfileServer.NGINX).get(Layer.PROXY);
		assertThat(proxy.cause()).isEqualTo(Cause.PROXY_STORAGE_PATH_WRONG);
		assertThat(proxy.fix()).contains("alias").doesNotContain("read access");
	}

	@Test
	void proxyBodyLateIsARateLimitInTheProxysWords() {
		down(Layer.PROXY, Symptom.TIMEOUT, Evidence.late(Evidence.Late.BODY, 200));
		assertThat(explain(SendfileServer.NGINX).get(Layer.PROXY).fix()).contains("limit_rate");
		assertThat(explain(SendfileServer.LIGHTTPD).get(Layer.PROXY).fix()).contains("connection.kbytes-per-second")
			.doesNotContain("limit_rate");
	}

	// ---------------------------------------------------------------- hand-off

	@Test
	void emptyBodyBehindNginxIsTheSwitchAloneWithoutTheLocation() {
		down(Layer.END_TO_END, Symptom.EMPTY_BODY, answer(200, Evidence.BodyFrom.NONE));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_IGNORED);
		assertThat(endToEnd.fix()).contains("proxy_ignore_headers").doesNotContain("location").doesNotContain("alias");
		assertThat(endToEnd.alternative()).isNull();
	}

	@Test
	void leakedHeaderBehindApacheIsTheSwitchAloneWithoutTheAllowedPath() {
		down(Layer.END_TO_END, Symptom.HAND_OFF_HEADER_LEAKED, answer(200, Evidence.BodyFrom.NONE));
		Explanation endToEnd = explain(SendfileServer.APACHE).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_IGNORED);
		assertThat(endToEnd.fix()).contains("XSendFile On").doesNotContain("XSendFilePath");
	}

	@Test
	void applicationsOwn404ForTheHandOffUriIsAMissingTargetWithBothWaysToReconcile() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, Evidence.answer(404, Evidence.BodyFrom.APPLICATION, null, null,
				null, "/internal-storage/.download-healthcheck/dummy.bin"));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_TARGET_MISSING);
		assertThat(endToEnd.fix()).contains("location /internal-storage/ { internal; alias /srv/; }")
			.doesNotContain("finds no file");
		assertThat(endToEnd.alternative()).contains("download.sendfile.rules[n].destination");
	}

	@Test
	void applicationsOwnErrorForAnotherPathIsTheRouteToTheView() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, Evidence.answer(404, Evidence.BodyFrom.APPLICATION, null, null,
				null, "/prefix/healthcheck-utils/download/"));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.VIEW_ROUTE_WRONG);
		assertThat(endToEnd.fix()).contains("proxy_pass http://127.0.0.1:8080;");
		assertThat(endToEnd.alternative()).contains("download.healthcheck.end-to-end.url");
	}

	@Test
	void proxysOwn404WithItsDummyLocationWorkingIsAMissingTarget() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, answer(404, Evidence.BodyFrom.PROXY));
		Explanation endToEnd = explain(SendfileServer.APACHE).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.HAND_OFF_TARGET_MISSING);
		assertThat(endToEnd.fix()).contains("XSendFilePath /srv").doesNotContain("XSendFile On");
	}

	// ---------------------------------------------------------------- route to the
	// application

	@Test
	void slowRouteIsTheUpstreamNotTheHandOffAndNamesNoErrorLog() {
		this.results.put(Layer.BACKEND, new CheckResult(Layer.BACKEND, CheckStatus.UP, Symptom.NONE, BACKEND_URL,
				Map.of(), Map.of(), null, Duration.ofMillis(12), Instant.EPOCH, Evidence.NONE, null, null));
		down(Layer.END_TO_END, Symptom.TIMEOUT, Evidence.late(Evidence.Late.HEADERS, -1));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UPSTREAM_SLOW);
		assertThat(endToEnd.fix()).contains("proxy_pass http://127.0.0.1:8080;", "12 ms").doesNotContain("error log");
	}

	@Test
	void badGatewayWithTheApplicationUpNamesTheUpstreamLine() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, answer(502, Evidence.BodyFrom.PROXY));
		Explanation endToEnd = explain(SendfileServer.CADDY).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UPSTREAM_UNREACHABLE);
		assertThat(endToEnd.fix()).contains("reverse_proxy http://127.0.0.1:8080");
	}

	@Test
	void compressedBodyIsNamedFromContentEncoding() {
		down(Layer.END_TO_END, Symptom.WRONG_BYTES,
				Evidence.answer(200, Evidence.BodyFrom.NONE, "gzip", null, null, null));
		assertThat(explain(SendfileServer.NGINX).get(Layer.END_TO_END).cause()).isEqualTo(Cause.BODY_ENCODED);
	}

	@Test
	void observationsThatFitNoCauseSayWhatWasSeenAndNoFamiliarFix() {
		down(Layer.END_TO_END, Symptom.WRONG_STATUS, answer(418, Evidence.BodyFrom.PROXY));
		Explanation endToEnd = explain(SendfileServer.NGINX).get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.UNKNOWN);
		assertThat(endToEnd.fix()).startsWith("not known").contains("418").doesNotContain("alias");
	}

	@Test
	void upLayersGetNoExplanation() {
		assertThat(explain(SendfileServer.NGINX)).isEmpty();
	}

	// ---------------------------------------------------------------- storage, typed
	// faults

	@Test
	void readOnlyAndFullFileSystemsAreNamedAndNeverWriteAccess() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING,
				Evidence.storage(Evidence.StorageFault.FILE_MISSING, Evidence.StorageFault.READ_ONLY));
		Explanation readOnly = explain(SendfileServer.NGINX).get(Layer.STORAGE);
		assertThat(readOnly.cause()).isEqualTo(Cause.STORAGE_READ_ONLY);
		assertThat(readOnly.fix()).contains("read-write").doesNotContain("access");
		down(Layer.STORAGE, Symptom.DUMMY_MISSING,
				Evidence.storage(Evidence.StorageFault.FILE_MISSING, Evidence.StorageFault.NO_SPACE));
		Explanation full = explain(SendfileServer.NGINX).get(Layer.STORAGE);
		assertThat(full.cause()).isEqualTo(Cause.STORAGE_FULL);
		assertThat(full.fix()).contains("free space").doesNotContain("access");
	}

	@Test
	void deletedDummyIsDeletedWhenTheRootIsThere() {
		down(Layer.STORAGE, Symptom.DUMMY_MISSING,
				Evidence.storage(Evidence.StorageFault.FILE_MISSING, Evidence.StorageFault.NONE));
		assertThat(explain(SendfileServer.NGINX).get(Layer.STORAGE).cause()).isEqualTo(Cause.DUMMY_DELETED);
	}

	@Test
	void proxyCausesStateWhatStorageProved() {
		down(Layer.PROXY, Symptom.WRONG_STATUS, answer(403, Evidence.BodyFrom.PROXY));
		assertThat(explain(SendfileServer.NGINX).get(Layer.PROXY).evidence())
			.anyMatch((line) -> line.startsWith("storage UP"));
	}

	@Test
	void stoppedProxyNamesTheEndToEndUrlForEndToEnd() {
		down(Layer.PROXY, Symptom.CONNECTION_REFUSED, Evidence.NONE);
		down(Layer.END_TO_END, Symptom.CONNECTION_REFUSED, Evidence.NONE);
		Map<Layer, Explanation> explained = explain(SendfileServer.NGINX);
		assertThat(explained.get(Layer.PROXY).fix()).contains("download.healthcheck.proxy.url");
		assertThat(explained.get(Layer.END_TO_END).cause()).isEqualTo(Cause.PROXY_UNREACHABLE);
		assertThat(explained.get(Layer.END_TO_END).fix()).contains("download.healthcheck.end-to-end.url")
			.doesNotContain("proxy.url");
	}

	// ---------------------------------------------------------------- the redirect
	// hand-off

	@Test
	void redirectStoreRefusingTheClientsSignatureWhileTheProxyLayerWorksIsARewrittenLocation() {
		down(Layer.END_TO_END, Symptom.SIGNATURE_REFUSED, answer(403, Evidence.BodyFrom.STORE));
		Explanation endToEnd = explainRedirect().get(Layer.END_TO_END);
		assertThat(endToEnd.cause()).isEqualTo(Cause.LOCATION_REWRITTEN);
		assertThat(endToEnd.evidence()).anyMatch((line) -> line.startsWith("proxy UP"));
	}

	@Test
	void redirectSignatureRefusedWithTheStoreRefusingItTooIsTheStoreSide() {
		down(Layer.PROXY, Symptom.SIGNATURE_REFUSED, answer(403, Evidence.BodyFrom.STORE));
		down(Layer.END_TO_END, Symptom.SIGNATURE_REFUSED, answer(403, Evidence.BodyFrom.STORE));
		Map<Layer, Explanation> explained = explainRedirect();
		assertThat(explained.get(Layer.PROXY).cause()).isEqualTo(Cause.PRESIGNED_URL_REFUSED);
		assertThat(explained.get(Layer.END_TO_END).cause()).isEqualTo(Cause.PRESIGNED_URL_REFUSED);
		assertThat(explained.get(Layer.END_TO_END).explainedBy()).isEqualTo(Layer.PROXY);
	}

	@Test
	void clockSkewAnywhereExplainsTheRedirectsEndToEnd() {
		down(Layer.STORAGE, Symptom.STORAGE_ERROR,
				Evidence.storage(Evidence.StorageFault.CLOCK_SKEW, Evidence.StorageFault.NONE));
		down(Layer.END_TO_END, Symptom.LINK_EXPIRED, answer(403, Evidence.BodyFrom.STORE));
		Map<Layer, Explanation> explained = explainRedirect();
		assertThat(explained.get(Layer.STORAGE).cause()).isEqualTo(Cause.CLOCK_SKEW);
		assertThat(explained.get(Layer.END_TO_END).cause()).isEqualTo(Cause.CLOCK_SKEW);
		assertThat(explained.get(Layer.END_TO_END).explainedBy()).isEqualTo(Layer.STORAGE);
	}

	@Test
	void everyDownLayerInEveryModeCarriesADocumentedCause() {
		for (Symptom symptom : Symptom.values()) {
			for (Layer layer : Layer.values()) {
				for (Layer other : Layer.values()) {
					this.results.put(other, up(other));
				}
				down(layer, symptom, Evidence.NONE);
				assertThat(explain(SendfileServer.NGINX).get(layer)).as("%s %s", layer, symptom).isNotNull();
				assertThat(explainRedirect().get(layer)).as("redirect %s %s", layer, symptom).isNotNull();
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * Explains the results twice, once as the checks worded them and once with every
	 * reason and shown detail reworded: the causes must not move, because no decision
	 * reads a message.
	 */
	private Map<Layer, Explanation> explain(SendfileServer server) {
		String destination = server.takesUri() ? "/internal-storage" : "/srv";
		return explainBothWordings(new DiagnosisContext("folder /srv", destination, server.hints(destination, "/srv")));
	}

	private Map<Layer, Explanation> explainRedirect() {
		return explainBothWordings(new DiagnosisContext("S3 bucket 'b'", "/objects",
				SendfileServer.NGINX.hints("/objects", "s3"), true, true));
	}

	private Map<Layer, Explanation> explainBothWordings(DiagnosisContext context) {
		Map<Layer, Explanation> explained = Diagnoser.explain(this.results, context);
		Map<Layer, CheckResult> reworded = new EnumMap<>(Layer.class);
		this.results.forEach((layer, result) -> reworded.put(layer,
				new CheckResult(layer, result.status(), result.symptom(), result.requested(), Map.of("reworded", true),
						Map.of("also", "reworded"), (result.reason() != null)
								? "Is a directory, does not exist, download.sendfile.enabled=false" : null,
						result.duration(), result.checkedAt(), result.evidence(), null, null)));
		Map<Layer, Explanation> rewordedExplained = Diagnoser.explain(reworded, context);
		explained.forEach((layer, explanation) -> assertThat(rewordedExplained.get(layer).cause())
			.as("cause of %s with its reason reworded", layer)
			.isEqualTo(explanation.cause()));
		return explained;
	}

	private void down(Layer layer, Symptom symptom, Evidence evidence) {
		this.results.put(layer, new CheckResult(layer, CheckStatus.DOWN, symptom, requested(layer), Map.of(), Map.of(),
				"broken", Duration.ofMillis(5), Instant.EPOCH, evidence, null, null));
	}

	private static Evidence answer(int status, Evidence.BodyFrom bodyFrom) {
		return Evidence.answer(status, bodyFrom, null, null, null, null);
	}

	private static CheckResult up(Layer layer) {
		return new CheckResult(layer, CheckStatus.UP, Symptom.NONE, requested(layer), Map.of(), Map.of(),
				(@Nullable String) null, Duration.ofMillis(5), Instant.EPOCH, Evidence.NONE, null, null);
	}

	private static String requested(Layer layer) {
		return (layer == Layer.BACKEND) ? BACKEND_URL : "GET http://127.0.0.1:9000/" + layer.id();
	}

}
