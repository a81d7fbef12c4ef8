package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.downloadhealthcheck.sample.SampleApplication;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real sample application, started in this JVM on a free port with the properties a
 * test gives, and the helpers to read its download health.
 */
final class RunningSampleApp implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private RunningSampleApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningSampleApp start(Map<String, String> properties) {
		return start(properties, new Class<?>[0]);
	}

	/**
	 * Starts the application with more configuration classes, e.g. a test-only fault
	 * injector.
	 */
	static RunningSampleApp start(Map<String, String> properties, Class<?>... extraSources) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		all.putAll(properties);
		List<String> args = new ArrayList<>();
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.sources(extraSources)
			.run(args.toArray(String[]::new));
		return new RunningSampleApp(context);
	}

	int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	DownloadHealthMonitor monitor() {
		return this.context.getBean(DownloadHealthMonitor.class);
	}

	/**
	 * The first snapshot of a refresh that started after {@code fault} ran: every layer
	 * saw the fault, whatever the background schedule was doing.
	 */
	DownloadHealthSnapshot snapshotAfter(ThrowingRunnable fault) throws Exception {
		fault.run();
		long startedBefore = monitor().refreshCount();
		monitor().refresh();
		return firstSnapshotAfter(startedBefore);
	}

	/**
	 * The first snapshot of a refresh started after refresh number {@code sequence},
	 * whoever started it; waits for it as long as a refresh may take on a loaded machine.
	 */
	DownloadHealthSnapshot firstSnapshotAfter(long sequence) {
		return monitor().snapshots()
			.filter((snapshot) -> snapshot.sequence() > sequence)
			.blockFirst(Duration.ofSeconds(30));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(uri(path));
	}

	static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<byte[]> getBytes(URI uri) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * {@code /actuator/health/download} as JSON.
	 */
	JsonNode downloadHealth() throws IOException, InterruptedException {
		return json("/actuator/health/download");
	}

	/**
	 * A JSON answer of the application.
	 */
	JsonNode json(String path) throws IOException, InterruptedException {
		return json.readTree(get(path).body());
	}

	@Override
	public void close() {
		this.context.close();
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
