package com.example.downloads;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sample.quickstart.QuickstartBehindNginx;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring MVC Quick start application behind a real nginx.
 */
class QuickstartNginxTests extends QuickstartBehindNginx {

	private static final List<String> PATHS = List.of("/files/annual%20report%202026.pdf");

	@Test
	void headIsAnsweredOnEveryRoute() throws Exception {
		// @GetMapping answers HEAD too, and the controller passes the method on.
		HttpClient http = HttpClient.newHttpClient();
		for (String path : PATHS) {
			HttpResponse<Void> response = http.send(
					HttpRequest.newBuilder(app(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).as("HEAD " + path).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Accel-Redirect")).as("HEAD " + path)
				.hasValue("/internal-storage/annual%20report%202026.pdf");
		}
	}

}
