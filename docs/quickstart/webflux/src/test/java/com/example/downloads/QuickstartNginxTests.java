package com.example.downloads;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.harness.net.HeadRequests;
import io.github.downloadhealthcheck.harness.quickstart.QuickstartBehindNginx;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux Quick start application behind a real nginx: all four layers UP is the
 * proof that a WebFlux application becomes ready; and its functional endpoint answers
 * like the annotated controller.
 */
class QuickstartNginxTests extends QuickstartBehindNginx {

	private static final List<String> PATHS = List.of("/files/annual%20report%202026.pdf",
			"/downloads/annual%20report%202026.pdf");

	@Test
	void functionalEndpointHandsOffLikeTheAnnotatedController() throws Exception {
		HttpResponse<byte[]> annotated = get(app("/files/annual%20report%202026.pdf"));
		HttpResponse<byte[]> functional = get(app("/downloads/annual%20report%202026.pdf"));
		for (HttpResponse<byte[]> response : List.of(annotated, functional)) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
			assertThat(response.body()).as(response.uri().toString()).isEmpty();
			assertThat(response.headers().firstValue("X-Accel-Redirect")).as(response.uri().toString())
				.hasValue("/internal-storage/annual%20report%202026.pdf");
		}
		assertThat(functional.headers().map())
			.containsEntry("Content-Disposition", annotated.headers().allValues("Content-Disposition"))
			.containsEntry("Content-Type", annotated.headers().allValues("Content-Type"));
	}

	@Test
	void headIsAnsweredOnEveryRoute() throws Exception {
		// A functional GET route alone answers HEAD with 404; the Quick start routes
		// HEAD.
		for (String path : PATHS) {
			HeadRequests.assertHandedOff(app(path), "/internal-storage/annual%20report%202026.pdf");
		}
	}

}
