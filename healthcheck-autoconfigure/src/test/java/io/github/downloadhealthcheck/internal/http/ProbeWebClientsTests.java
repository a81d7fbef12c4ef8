package io.github.downloadhealthcheck.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.downloadhealthcheck.config.DownloadHealthProperties;
import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.HttpConnector;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProbeWebClients}: what closing the checks' client leaves behind.
 */
class ProbeWebClientsTests {

	@Test
	void closingTheJdkClientMidExchangeEndsItsThreads() throws Exception {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (Silent silent = new Silent()) {
			ProbeWebClients.Lazy lazy = jdkClient();
			Disposable exchange = lazy.get()
				.get()
				.uri("http://127.0.0.1:" + silent.port() + "/dummy")
				.retrieve()
				.toBodilessEntity()
				.subscribe();
			await().until(silent::accepted);
			assertThat(clientThreads(before)).isNotEmpty();
			// What the monitor's stop does, then what the context's close does.
			exchange.dispose();
			lazy.close();
			await().untilAsserted(() -> {
				collectUnreachableClientsOnJava17();
				assertThat(clientThreads(before)).isEmpty();
			});
		}
	}

	@Test
	void aClosedClientIsBuiltAgainOnItsNextUse() throws Exception {
		try (TestHttpServer server = new TestHttpServer()) {
			server.handle("/dummy", (exchange) -> {
				byte[] body = "dummy".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			});
			ProbeWebClients.Lazy lazy = jdkClient();
			WebClient first = lazy.get();
			assertThat(get(first, server)).isEqualTo(200);
			lazy.close();
			WebClient second = lazy.get();
			assertThat(second).isNotSameAs(first);
			assertThat(get(second, server)).isEqualTo(200);
			lazy.close();
		}
	}

	private static int get(WebClient client, TestHttpServer server) {
		ResponseEntity<Void> response = client.get()
			.uri(server.uri("/dummy"))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
		assertThat(response).isNotNull();
		return response.getStatusCode().value();
	}

	private static ProbeWebClients.Lazy jdkClient() {
		DownloadHealthProperties properties = new DownloadHealthProperties();
		properties.setHttpConnector(HttpConnector.JDK);
		properties.setInterval(Duration.ofMinutes(1));
		properties.setTimeout(Duration.ofSeconds(30));
		DownloadHealthSettings settings = DownloadHealthSettings.from(properties, SendfileSettings.of(List.of()));
		return ProbeWebClients.lazy(settings, null, ClientHttpConnectorBuilder::detect, WebClient::builder);
	}

	/**
	 * Java 17's {@code HttpClient} cannot be shut down: its selector thread ends once the
	 * client is unreachable and collected. From Java 21 on, closing shuts it down, and no
	 * collection may be needed for the thread to end.
	 */
	private static void collectUnreachableClientsOnJava17() {
		if (Runtime.version().feature() < 21) {
			System.gc();
		}
	}

	/**
	 * The live threads of the checks' JDK client started since {@code before}: its
	 * selector and the pool it runs callbacks on.
	 */
	private static List<String> clientThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> name.startsWith("download-healthcheck-http-")
					|| (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")))
			.toList();
	}

	/**
	 * Accepts connections and never answers: an exchange stays under way.
	 */
	private static final class Silent implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> held = new CopyOnWriteArrayList<>();

		Silent() throws IOException {
			this.socket = new ServerSocket();
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.held.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		boolean accepted() {
			return !this.held.isEmpty();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.held) {
				connection.close();
			}
		}

	}

}
