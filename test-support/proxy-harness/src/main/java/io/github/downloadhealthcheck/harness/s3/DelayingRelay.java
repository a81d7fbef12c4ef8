package io.github.downloadhealthcheck.harness.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * A slow network between two real servers: a TCP relay on a loopback port that holds each
 * connection for a while before passing its bytes on, both ways, unchanged. Used to make
 * a presigned URL expire on its way from the proxy to the store.
 */
public final class DelayingRelay implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final Duration delay;

	private final boolean everyRequest;

	private DelayingRelay(int targetPort, Duration delay, boolean everyRequest) throws IOException {
		this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
		this.targetPort = targetPort;
		this.delay = delay;
		this.everyRequest = everyRequest;
		daemon(this::acceptLoop);
	}

	/**
	 * Starts relaying to {@code 127.0.0.1:targetPort}.
	 * @param targetPort where the bytes go
	 * @param delay how long each new connection waits before its first byte is passed on
	 * @return the running relay
	 */
	public static DelayingRelay start(int targetPort, Duration delay) {
		try {
			return new DelayingRelay(targetPort, delay, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on loopback", ex);
		}
	}

	/**
	 * Starts relaying to {@code 127.0.0.1:targetPort}, holding every burst of bytes a
	 * client sends (every request) for {@code delay}, also on a kept-alive connection:
	 * for clients that pool connections, as browsers and the JDK's client do.
	 * @param targetPort where the bytes go
	 * @param delay how long each request waits before it is passed on
	 * @return the running relay
	 */
	public static DelayingRelay startDelayingEveryRequest(int targetPort, Duration delay) {
		try {
			return new DelayingRelay(targetPort, delay, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on loopback", ex);
		}
	}

	/** {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				daemon(() -> relay(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket target = new Socket()) {
			Thread.sleep(this.delay.toMillis());
			target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 2000);
			Thread back = daemon(() -> pipe(target, client, Duration.ZERO));
			pipe(client, target, this.everyRequest ? this.delay : Duration.ZERO);
			back.join();
		}
		catch (IOException | InterruptedException ex) {
			// The connection ends; the client sees it closed, as on a real network.
		}
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "delaying-relay");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void pipe(Socket from, Socket to, Duration delayEach) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			if (delayEach.isZero()) {
				in.transferTo(out);
			}
			else {
				byte[] buffer = new byte[8192];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					Thread.sleep(delayEach.toMillis());
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// One side closed.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
