package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.VIEW;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.assertHandOff;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.awaitLayer;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.layer;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.send;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A separate management server ({@code management.server.port}, base path changed), on
 * real Tomcat and Netty with Spring Security: the view stays on the main port, the
 * {@code backend} check calls it there (not the management port, whose server also
 * starts), and the health endpoint on the management port shows {@code download} with
 * each layer's own reading: storage and backend {@code UP}, proxy and end-to-end
 * {@code UNKNOWN} (not configured), never a blanket {@code UP}.
 */
class SeparateManagementPortTests {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	@TempDir
	Path storage;

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void layersReadRightAndTheManagementPortShowsDownload(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, this.storage, List.of(), "management.server.port=0",
				"management.endpoints.web.base-path=/manage", "management.endpoint.health.show-details=always")) {
			awaitLayer(context, "storage", Status.UP);
			awaitLayer(context, "backend", Status.UP);
			assertThat(layer(context, "proxy").getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(layer(context, "end-to-end").getStatus()).isEqualTo(Status.UNKNOWN);
			int main = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
			int management = Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "0"));
			assertThat(management).isPositive().isNotEqualTo(main);
			assertThat(layer(context, "backend").getDetails().toString()).contains(":" + main + VIEW)
				.doesNotContain(":" + management);

			assertHandOff(send(context, "GET", VIEW));
			if (type == WebApplicationType.SERVLET) {
				assertThat(get(management, VIEW).statusCode()).isNotEqualTo(200);
			}
			// On WebFlux the management server's child context also routes the main
			// context's router functions, the view's among them: it answers there too.
			// Harmless (it is the same view), and backend still calls the main port.
			HttpResponse<String> backend = get(management, "/manage/health/download/backend");
			assertThat(backend.statusCode()).as(backend.body()).isEqualTo(200);
			assertThat(backend.body()).contains("\"status\":\"UP\"");
			HttpResponse<String> download = get(management, "/manage/health/download");
			assertThat(download.body()).contains("\"storage\"", "\"backend\"", "\"proxy\"", "\"end-to-end\"")
				.contains("\"UNKNOWN\"");
			assertThat(get(main, "/manage/health").statusCode()).isNotEqualTo(200);
		}
	}

	private static HttpResponse<String> get(int port, String path) {
		return send(CLIENT, "GET", URI.create("http://127.0.0.1:" + port + path));
	}

}
