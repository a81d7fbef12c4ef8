package io.github.downloadhealthcheck.harness.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on loopback that accepts connections and never answers: a hung proxy, or a
 * route to the application that swallows requests (a firewall dropping packets, a hung
 * hop in between).
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	/**
	 * Listens on {@code port} of 127.0.0.1.
	 * @param port the port
	 * @throws IOException when the port is taken
	 */
	public SilentServer(int port) throws IOException {
		this.socket = new ServerSocket();
		this.socket.setReuseAddress(true);
		this.socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
		Thread acceptor = new Thread(() -> {
			while (!this.socket.isClosed()) {
				try {
					this.held.add(this.socket.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "silent-server-" + port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The port it listens on. */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Whether a client connected.
	 */
	public boolean accepted() {
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
