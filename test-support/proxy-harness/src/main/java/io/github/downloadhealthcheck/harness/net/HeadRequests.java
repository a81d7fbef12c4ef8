package io.github.downloadhealthcheck.harness.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code HEAD} of a download, for the Quick start modules' tests: a route that
 * answers GET only (a functional GET route) answers HEAD with 404.
 */
public final class HeadRequests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private HeadRequests() {
	}

	/**
	 * Sends a HEAD to {@code uri} and asserts it is handed off like a GET: 200 and the
	 * {@code X-Accel-Redirect} value {@code handOff}.
	 * @param uri the download
	 * @param handOff the expected hand-off header value
	 */
	public static void assertHandedOff(URI uri, String handOff) throws IOException, InterruptedException {
		HttpResponse<Void> response = http.send(
				HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).as("HEAD " + uri).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Accel-Redirect")).as("HEAD " + uri).hasValue(handOff);
	}

}
