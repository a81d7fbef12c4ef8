package io.github.downloadhealthcheck.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts real applications, each with a real embedded server on a random port and the
 * full auto-configuration, and reads what they answer and report.
 */
public final class RunningApplications {

	public static final String VIEW = "/healthcheck-utils/download/";

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private RunningApplications() {
	}

	/**
	 * Starts an application storing downloads in {@code storage}, with the proxy and
	 * end-to-end layers not configured: storage and backend are checked without a proxy.
	 * @param type servlet (Tomcat) or reactive (Netty)
	 * @param storage the storage folder
	 * @param configurations the application's own configurations
	 * @param properties more properties, {@code name=value}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(WebApplicationType type, Path storage,
			List<Class<?>> configurations, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"download.healthcheck.interval=3s", "download.sendfile.rules[0].source=" + storage,
				"download.sendfile.rules[0].destination=/internal-storage"));
		if (type == WebApplicationType.REACTIVE) {
			// Tomcat is on the test class path for the servlet applications: WebFlux runs
			// on Netty, its usual server.
			all.add("spring.autoconfigure.exclude="
					+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
					+ "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
					+ "TomcatReactiveManagementContextAutoConfiguration");
		}
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(configurations);
		sources.add(Application.class);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(type)
			.properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * Which server runs the application.
	 */
	public static String serverName(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName();
	}

	public static URI url(ConfigurableApplicationContext context, String path) {
		return URI.create(origin(context, "http", "127.0.0.1") + path);
	}

	public static String origin(ConfigurableApplicationContext context, String scheme, String host) {
		return scheme + "://" + host + ":" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path) {
		return send(CLIENT, method, url(context, path));
	}

	public static HttpResponse<String> send(HttpClient client, String method, URI url) {
		HttpRequest request = HttpRequest.newBuilder(url)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Health layer(ConfigurableApplicationContext context, String layer) {
		CompositeHealthContributor download = context.getBean("downloadHealthContributor",
				CompositeHealthContributor.class);
		HealthIndicator indicator = (HealthIndicator) download.getContributor(layer);
		assertThat(indicator).as(layer).isNotNull();
		Health health = indicator.health(true);
		assertThat(health).isNotNull();
		return health;
	}

	/**
	 * Waits until the background checks report {@code layer} with {@code status}.
	 * @return the layer's health then
	 */
	public static Health awaitLayer(ConfigurableApplicationContext context, String layer, Status status) {
		assertThat(serverName(context)).as("server")
			.isEqualTo(
					(context instanceof org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext)
							? "NettyWebServer" : "TomcatWebServer");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(layer(context, layer).getStatus()).as(() -> layer(context, layer).toString())
						.isEqualTo(status));
		return layer(context, layer);
	}

	/**
	 * An answer that is not the view's: refused, or sent to log in.
	 */
	public static void assertSecured(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.toString()).isIn(401, 403, 302);
		assertThat(response.headers().firstValue("X-Accel-Redirect")).isEmpty();
	}

	/**
	 * The healthcheck view's hand-off, empty-bodied.
	 */
	public static void assertHandOff(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Accel-Redirect"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("/internal-storage/.download-healthcheck/"));
		assertThat(response.body()).isEmpty();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
