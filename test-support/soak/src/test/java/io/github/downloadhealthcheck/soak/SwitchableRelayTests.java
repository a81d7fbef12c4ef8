package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The soak's route between proxy and application, on real loopback sockets in front of an
 * echo server.
 */
class SwitchableRelayTests {

	private ServerSocket echo;

	private Thread echoLoop;

	private SwitchableRelay relay;

	@BeforeEach
	void startEchoServerAndRelay() throws IOException {
		this.echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
		this.echoLoop = new Thread(() -> {
			while (!this.echo.isClosed()) {
				try (Socket client = this.echo.accept()) {
					InputStream in = client.getInputStream();
					OutputStream out = client.getOutputStream();
					int read;
					while ((read = in.read()) != -1) {
						out.write(read);
						out.flush();
					}
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "echo");
		this.echoLoop.setDaemon(true);
		this.echoLoop.start();
		this.relay = SwitchableRelay.start(this.echo.getLocalPort(), Duration.ofMillis(300));
	}

	@AfterEach
	void stop() throws IOException {
		this.relay.close();
		this.echo.close();
	}

	@Test
	void passesBytesBothWays() throws IOException {
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
		}
	}

	@Test
	void hungConnectionsAreHeldWithoutAnswerAndResetWhenTheRouteComesBack() throws IOException {
		this.relay.mode(SwitchableRelay.Mode.HANG);
		try (Socket socket = connect()) {
			socket.setSoTimeout(300);
			socket.getOutputStream().write("anyone?".getBytes(StandardCharsets.US_ASCII));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
			await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.heldSoFar() == 1);
			this.relay.mode(SwitchableRelay.Mode.PASS);
			socket.setSoTimeout(10_000);
			// closed by the relay: end of stream, or a reset
			int read;
			try {
				read = socket.getInputStream().read();
			}
			catch (IOException ex) {
				read = -1;
			}
			assertThat(read).isEqualTo(-1);
		}
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "back")).isEqualTo("back");
		}
	}

	@Test
	void slowedConnectionsStillGetThrough() throws IOException {
		this.relay.mode(SwitchableRelay.Mode.SLOW);
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "late")).isEqualTo("late");
		}
		assertThat(this.relay.heldSoFar()).isZero();
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.relay.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		socket.getOutputStream().write(bytes);
		return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
	}

}
