package io.github.downloadhealthcheck.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.FileSystemStorage;

/**
 * Tests for {@link WebFluxResponses}: the healthcheck view and the sendfile API on
 * WebFlux's functional endpoints, through WebFlux's own request handling.
 */
class WebFluxResponsesTests {

	private static final DummyFile DUMMY = DummyFile.generate(".download-healthcheck/dummy.bin", 1024);

	@TempDir
	Path storage;

	private SendfileResponder responder;

	@BeforeEach
	void storage() throws IOException {
		Files.createDirectories(this.storage.resolve(".download-healthcheck"));
		Files.write(this.storage.resolve(DUMMY.relativePath()), DUMMY.content());
		Files.writeString(this.storage.resolve("report.pdf"), "report");
		this.responder = new SendfileResponder(SendfileSettings
			.of(List.of(new SendfileRule(this.storage, "/internal-storage", SendfileServer.NGINX))));
	}

	@Test
	void viewHandsTheDummyFileOffUncacheableWithAnEmptyBody() {
		client(WebFluxResponses.route("/healthcheck-utils/download/", view(this.responder))).get()
			.uri("/healthcheck-utils/download/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Accel-Redirect", "/internal-storage/.download-healthcheck/dummy.bin")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.contentLength(0)
			.expectBody()
			.isEmpty();
	}

	@Test
	void viewAnswersHeadAndOptionsLikeAnAnnotatedGetMapping() {
		WebTestClient client = client(WebFluxResponses.route("/view", view(this.responder)));
		client.head()
			.uri("/view")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Accel-Redirect", "/internal-storage/.download-healthcheck/dummy.bin");
		client.options()
			.uri("/view")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Allow", "GET,HEAD,OPTIONS");
		client.post().uri("/view").exchange().expectStatus().isNotFound();
	}

	@Test
	void viewStreamsTheDummyFileWhenNoRuleCoversTheStorage() {
		SendfileResponder noRule = new SendfileResponder(SendfileSettings.of(List.of()));
		client(WebFluxResponses.route("/view", view(noRule))).get()
			.uri("/view")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Accel-Redirect")
			.expectBody(byte[].class)
			.isEqualTo(DUMMY.content());
	}

	@Test
	void functionalEndpointAnswersTheApplicationsOwnDownloads() {
		FileSystemStorage files = new FileSystemStorage(this.storage);
		RouterFunction<ServerResponse> downloads = RouterFunctions.route()
			.GET("/files/{name}",
					(request) -> WebFluxResponses.from(this.responder.respond(files, request.pathVariable("name"))))
			.build();
		WebTestClient client = client(downloads);
		client.get()
			.uri("/files/report.pdf")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Accel-Redirect", "/internal-storage/report.pdf")
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report.pdf\"")
			.expectBody()
			.isEmpty();
		client.get().uri("/files/..%2f..%2fetc%2fpasswd").exchange().expectStatus().isNotFound();
	}

	private DownloadHealthView view(SendfileResponder responder) {
		return new DownloadHealthView(responder, new FileSystemStorage(this.storage), DUMMY);
	}

	private static WebTestClient client(RouterFunction<ServerResponse> route) {
		return WebTestClient.bindToRouterFunction(route).build();
	}

}
