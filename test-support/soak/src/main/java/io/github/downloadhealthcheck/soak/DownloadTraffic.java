package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The application's own work going on during the soak: a client downloading a 1 MiB file
 * through nginx four times a second, each answer compared byte for byte.
 */
final class DownloadTraffic implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final URI uri;

	private final byte[] expected;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "soak-downloads");
		thread.setDaemon(true);
		return thread;
	});

	private final ConcurrentLinkedQueue<Download> downloads = new ConcurrentLinkedQueue<>();

	DownloadTraffic(URI uri, byte[] expected) {
		this.uri = uri;
		this.expected = expected;
	}

	void start() {
		this.schedule.scheduleWithFixedDelay(this::downloadOnce, 0, 250, TimeUnit.MILLISECONDS);
	}

	private void downloadOnce() {
		long started = System.currentTimeMillis();
		String failure;
		try {
			HttpResponse<byte[]> answer = this.http.send(HttpRequest.newBuilder(this.uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (answer.statusCode() != 200) {
				failure = "status " + answer.statusCode();
			}
			else if (!Arrays.equals(answer.body(), this.expected)) {
				failure = "other bytes (" + answer.body().length + " bytes)";
			}
			else {
				failure = null;
			}
		}
		catch (IOException ex) {
			failure = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.downloads.add(new Download(started, System.currentTimeMillis(), failure));
	}

	List<Download> downloads() {
		return new ArrayList<>(this.downloads);
	}

	@Override
	public void close() {
		this.schedule.shutdownNow();
		try {
			this.schedule.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One download.
	 *
	 * @param startedAtMillis when it was sent
	 * @param endedAtMillis when it ended
	 * @param failure what went wrong, {@code null} when the exact bytes came
	 */
	record Download(long startedAtMillis, long endedAtMillis, @Nullable String failure) {

	}

}
