package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.harness.app.ChildJvmApp;
import io.github.downloadhealthcheck.check.Layer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes the application as Kubernetes and a monitoring system would: once a second
 * {@code /actuator/health/download} and the readiness group, and now and then a storm of
 * concurrent probes; records every answer.
 */
final class HealthProbes implements AutoCloseable {

	static final String DOWNLOAD = "/actuator/health/download";

	static final String READINESS = "/actuator/health/readiness";

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ChildJvmApp app;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "soak-probe");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentLinkedQueue<HealthRead> downloadReads = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<HealthRead> readinessReads = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Storm> storms = new ConcurrentLinkedQueue<>();

	private final AtomicReference<@Nullable HealthRead> latest = new AtomicReference<>();

	HealthProbes(ChildJvmApp app) {
		this.app = app;
	}

	/** Starts probing once a second. */
	void start() {
		this.schedule.scheduleAtFixedRate(() -> {
			HealthRead read = read(DOWNLOAD);
			this.downloadReads.add(read);
			this.latest.set(read);
			this.readinessReads.add(read(READINESS));
		}, 0, 1, TimeUnit.SECONDS);
	}

	/**
	 * One read of a health endpoint, not recorded.
	 * @param path the endpoint
	 * @return what it answered
	 */
	HealthRead read(String path) {
		long sent = System.currentTimeMillis();
		long started = System.nanoTime();
		try {
			HttpResponse<String> answer = this.http.send(
					HttpRequest.newBuilder(this.app.uri(path)).timeout(PROBE_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			Map<Layer, LayerResult> layers = DOWNLOAD.equals(path) ? layers(answer.body()) : Map.of();
			return new HealthRead(sent, latency, answer.statusCode(), layers);
		}
		catch (IOException ex) {
			return new HealthRead(sent, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), -1, Map.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new HealthRead(sent, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), -1, Map.of());
		}
	}

	/** Each layer's result in a {@code /actuator/health/download} answer. */
	static Map<Layer, LayerResult> layers(String body) {
		JsonNode components = json.readTree(body).path("components");
		Map<Layer, LayerResult> layers = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			JsonNode component = components.path(layer.id());
			JsonNode details = component.path("details");
			if (component.isMissingNode() || !details.has("checkedAt")) {
				continue;
			}
			String cause = details.path("cause").isString() ? details.path("cause").asString() : null;
			layers.put(layer,
					new LayerResult(layer, "UP".equals(component.path("status").asString()),
							Instant.parse(details.path("checkedAt").asString()).toEpochMilli(),
							details.path("durationMs").asLong(), cause));
		}
		return layers;
	}

	/**
	 * A storm: {@code clients} concurrent clients each sending {@code requests} probes,
	 * alternately to both endpoints, as fast as they get answers.
	 * @return when it ran and the latency of each probe
	 */
	Storm storm(int clients, int requests) throws InterruptedException {
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		long started = System.currentTimeMillis();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			for (int client = 0; client < clients; client++) {
				pool.execute(() -> {
					for (int i = 0; i < requests; i++) {
						latencies.add(read((i % 2 == 0) ? DOWNLOAD : READINESS).latencyMillis());
					}
				});
			}
		}
		finally {
			pool.shutdown();
			pool.awaitTermination(5, TimeUnit.MINUTES);
		}
		return new Storm(started, System.currentTimeMillis(), List.copyOf(latencies));
	}

	/** Runs a storm during the soak and records it. */
	void stormAndRecord(int clients, int requests) throws InterruptedException {
		this.storms.add(storm(clients, requests));
	}

	/** The latest once-a-second read of {@code /actuator/health/download}. */
	Optional<HealthRead> latest() {
		return Optional.ofNullable(this.latest.get());
	}

	List<HealthRead> downloadReads() {
		return new ArrayList<>(this.downloadReads);
	}

	List<HealthRead> readinessReads() {
		return new ArrayList<>(this.readinessReads);
	}

	List<Storm> storms() {
		return new ArrayList<>(this.storms);
	}

	/**
	 * A storm of probes.
	 *
	 * @param startedAtMillis when it started
	 * @param endedAtMillis when its last answer came
	 * @param latencies each probe's latency
	 */
	record Storm(long startedAtMillis, long endedAtMillis, List<Long> latencies) {

		boolean overlaps(HealthRead read) {
			return read.sentAtMillis() <= this.endedAtMillis && read.answeredAtMillis() >= this.startedAtMillis;
		}

	}

	@Override
	public void close() {
		this.schedule.shutdownNow();
		try {
			this.schedule.awaitTermination(PROBE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
