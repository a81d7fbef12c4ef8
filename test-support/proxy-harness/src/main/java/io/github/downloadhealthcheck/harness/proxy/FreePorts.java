package io.github.downloadhealthcheck.harness.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port that was free on 127.0.0.1 a moment ago. The socket is closed before
	 * returning, so another process may still take it: good enough for tests, which start
	 * the server at once.
	 */
	public static int next() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			// Leaves no TIME_WAIT-bound socket behind that would keep the proxy from
			// binding.
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free loopback port", ex);
		}
	}

	/**
	 * Whether something accepts TCP connections on 127.0.0.1:{@code port} (200 ms to
	 * answer).
	 */
	public static boolean isListening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
