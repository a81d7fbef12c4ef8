package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.harness.proxy.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Smoke test of the benchmark's pieces that can break silently: the script parses, and
 * its delaying proxy delays each request and, once told to hang, accepts and never
 * answers until told to stop hanging.
 */
class BenchmarkScriptTests {

	private static final Path SCRIPT = Path.of("bin/benchmark.sh");

	private static final Path DELAY_PROXY = Path.of("bin/delay_proxy.py");

	private static final long DELAY_MS = 300;

	private HttpServer target;

	private Process proxy;

	private int proxyPort;

	@BeforeEach
	void startTargetAndProxy() throws Exception {
		this.target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.target.createContext("/", (exchange) -> {
			byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.target.start();
		this.proxyPort = FreePorts.next();
		try {
			this.proxy = new ProcessBuilder("python3", DELAY_PROXY.toString(), Integer.toString(this.proxyPort),
					Integer.toString(this.target.getAddress().getPort()), Long.toString(DELAY_MS))
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("python3 is missing: apt-get install -y python3", ex);
		}
		await("delay_proxy.py listening on port " + this.proxyPort).atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> !this.proxy.isAlive() || FreePorts.isListening(this.proxyPort));
		assertThat(this.proxy.isAlive()).as(() -> "delay_proxy.py exited: " + output(this.proxy)).isTrue();
	}

	@AfterEach
	void stop() throws Exception {
		this.proxy.destroy();
		this.proxy.waitFor(5, TimeUnit.SECONDS);
		this.target.stop(0);
	}

	@Test
	void scriptParses() throws Exception {
		Process check = new ProcessBuilder("bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
		assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
	}

	@Test
	void delayProxyDelaysEveryRequestHangsOnSigusr1AndAnswersAgainOnSigusr2() throws Exception {
		try (Socket socket = connect()) {
			for (int i = 0; i < 2; i++) {
				long started = System.nanoTime();
				assertThat(get(socket)).startsWith("HTTP/1.1 200").endsWith("hello");
				// A lower bound: a loaded machine can only make the request slower.
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isGreaterThanOrEqualTo(Duration.ofMillis(DELAY_MS));
			}
		}
		// The proxy handles a signal whenever its event loop gets to it: wait for the
		// first request it accepts and never answers, instead of guessing how long that
		// takes.
		signal("USR1");
		await("a request through delay_proxy.py that is never answered").atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(this::requestIsNeverAnswered);
		assertThat(this.proxy.isAlive()).isTrue();
		// Back to delaying: the hang came from the signal, not from a proxy that broke.
		signal("USR2");
		await("a request through delay_proxy.py answered again").atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> {
				try (Socket socket = connect()) {
					assertThat(get(socket)).startsWith("HTTP/1.1 200").endsWith("hello");
				}
			});
	}

	/**
	 * A request on a new connection: accepted, and no answer, not even a close, for ten
	 * times the delay.
	 */
	private void requestIsNeverAnswered() throws IOException {
		try (Socket socket = connect()) {
			socket.setSoTimeout((int) (DELAY_MS * 10));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> get(socket));
		}
	}

	private void signal(String name) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.proxy.pid())).start();
		assertThat(kill.waitFor(30, TimeUnit.SECONDS)).as("kill -" + name).isTrue();
		assertThat(kill.exitValue()).as("kill -" + name).isZero();
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.proxyPort);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String output(Process exited) {
		try {
			return new String(exited.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex + ")";
		}
	}

	/** One keep-alive GET on the socket; reads the 5-byte body after the headers. */
	private static String get(Socket socket) throws IOException {
		socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		StringBuilder answer = new StringBuilder();
		while (!answer.toString().contains("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			answer.append((char) next);
		}
		answer.append(new String(in.readNBytes(5), StandardCharsets.US_ASCII));
		return answer.toString();
	}

}
