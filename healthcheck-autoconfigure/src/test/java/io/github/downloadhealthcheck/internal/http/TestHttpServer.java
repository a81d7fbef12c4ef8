package io.github.downloadhealthcheck.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A real HTTP server on a free loopback port, standing in for the application or the
 * proxy.
 */
public final class TestHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch closing = new CountDownLatch(1);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	public record Request(String path, Headers headers) {
	}

	public TestHttpServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Serves {@code path} with a handler; every request is recorded first.
	 */
	public TestHttpServer handle(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			this.requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders()));
			try {
				handler.handle(exchange);
			}
			finally {
				exchange.close();
			}
		});
		return this;
	}

	/**
	 * Answers {@code path} with a status, headers and a body; an empty body is sent with
	 * {@code Content-Length: 0}.
	 */
	public TestHttpServer respond(String path, int status, Map<String, String> headers, byte[] body) {
		return handle(path, (exchange) -> {
			headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
	}

	/**
	 * Accepts requests on {@code path} and never answers them until the server is closed.
	 */
	public TestHttpServer hang(String path) {
		return handle(path, (exchange) -> {
			try {
				this.closing.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public List<Request> requests() {
		return this.requests;
	}

	public long requestsTo(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).count();
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A WebClient built the way the auto-configuration builds it: redirects not followed.
	 */
	public static WebClient webClient() {
		return webClient("detect");
	}

	/**
	 * A client that does not follow redirects, on one HTTP client library.
	 * @param connector {@code jdk}, {@code reactor-netty}, or {@code detect} for Boot's
	 * choice
	 */
	public static WebClient webClient(String connector) {
		if (connector.equals("jdk")) {
			// The checks' own connector on the JDK client, as the starter builds it.
			return WebClient.builder()
				.clientConnector(new JdkGetConnector(JdkGetConnector.clientBuilder(Duration.ofSeconds(5)).build()))
				.build();
		}
		ClientHttpConnectorBuilder<?> builder = connector.equals("reactor-netty") ? ClientHttpConnectorBuilder.reactor()
				: ClientHttpConnectorBuilder.detect();
		return WebClient.builder()
			.clientConnector(builder.build(HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
			.build();
	}

	/**
	 * A loopback URL nothing listens on.
	 */
	public static URI refusingUri(String path) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
