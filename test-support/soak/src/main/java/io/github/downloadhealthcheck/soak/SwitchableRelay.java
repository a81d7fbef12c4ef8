package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The route from the proxy to the application: a TCP relay on a loopback port that passes
 * connections through, slows each new one down, or accepts them and never answers, as a
 * congested or dead network path between proxy and application would.
 */
final class SwitchableRelay implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final Duration slowBy;

	private final ExecutorService threads;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final Set<Socket> held = ConcurrentHashMap.newKeySet();

	private final AtomicInteger heldSoFar = new AtomicInteger();

	private volatile Mode mode = Mode.PASS;

	private SwitchableRelay(ServerSocket server, int targetPort, Duration slowBy) {
		this.server = server;
		this.targetPort = targetPort;
		this.slowBy = slowBy;
		AtomicInteger count = new AtomicInteger();
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "soak-relay-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.threads.execute(this::acceptLoop);
	}

	/**
	 * Starts a relay to 127.0.0.1:{@code targetPort} on a free loopback port.
	 * @param targetPort where connections go
	 * @param slowBy how long {@link Mode#SLOW} holds each new connection back
	 * @return the running relay, passing connections through
	 */
	static SwitchableRelay start(int targetPort, Duration slowBy) {
		try {
			return new SwitchableRelay(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), targetPort, slowBy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on a loopback port", ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Switches what happens to new connections; leaving {@link Mode#HANG} closes the
	 * connections it held, as a path that comes back resets what it dropped.
	 * @param mode the new mode
	 */
	void mode(Mode mode) {
		this.mode = mode;
		if (mode != Mode.HANG) {
			this.held.forEach(this::closeQuietly);
			this.held.clear();
		}
	}

	/** How many connections {@link Mode#HANG} has held since the relay started. */
	int heldSoFar() {
		return this.heldSoFar.get();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.open.add(client);
				this.threads.execute(() -> handle(client, this.mode));
			}
			catch (IOException ex) {
				// closed: the loop ends
			}
		}
	}

	private void handle(Socket client, Mode mode) {
		if (mode == Mode.HANG) {
			this.held.add(client);
			this.heldSoFar.incrementAndGet();
			// Reads and drops the request: the peer sees a connection that never answers.
			drain(client);
			return;
		}
		try {
			if (mode == Mode.SLOW) {
				Thread.sleep(this.slowBy.toMillis());
			}
			Socket target = new Socket();
			target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 5_000);
			this.open.add(target);
			this.threads.execute(() -> pump(client, target));
			pump(target, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly(client);
		}
	}

	private void drain(Socket client) {
		try (InputStream in = client.getInputStream()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// closed by the peer or by mode()
		}
		finally {
			this.held.remove(client);
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// either side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void closeQuietly(Socket socket) {
		this.open.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		this.open.forEach(this::closeQuietly);
		this.threads.shutdownNow();
		try {
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** What the relay does with a new connection. */
	enum Mode {

		/** Passes it through. */
		PASS,

		/** Passes it through after a delay. */
		SLOW,

		/** Accepts it, reads the request and never answers. */
		HANG

	}

}
