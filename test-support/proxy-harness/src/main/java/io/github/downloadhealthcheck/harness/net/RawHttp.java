package io.github.downloadhealthcheck.harness.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A deliberately dumb HTTP/1.1 client: sends the request line and headers exactly as
 * given, byte for byte (no client library would send {@code ..}, raw backslashes or odd
 * Host headers unchanged), and returns the raw answer.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * One raw answer.
	 *
	 * @param status the status code, or -1 when none was read
	 * @param headerLines the header lines, split on CRLF only, without the status line
	 * @param body the body bytes as sent (chunked bodies are not decoded)
	 * @param raw everything read
	 */
	public record Answer(int status, List<String> headerLines, byte[] body, byte[] raw) {

		/** The value of the first header {@code name}, or null when there is none. */
		public @Nullable String header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return this.headerLines.stream()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map((line) -> line.substring(prefix.length()).strip())
				.findFirst()
				.orElse(null);
		}

		/** Everything read, as ISO-8859-1 text. */
		public String rawText() {
			return new String(this.raw, StandardCharsets.ISO_8859_1);
		}

	}

	/**
	 * Sends one request exactly as given, with a Host header unless one is given, and
	 * reads the answer until the server closes the connection.
	 * @param port the server port on 127.0.0.1
	 * @param method the method
	 * @param target the request target, sent unchanged
	 * @param headers more header lines
	 * @return the answer
	 * @throws IOException when the connection fails
	 */
	public static Answer send(int port, String method, String target, String... headers) throws IOException {
		StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		boolean host = Arrays.stream(headers).anyMatch((header) -> header.toLowerCase(Locale.ROOT).startsWith("host:"));
		if (!host) {
			request.append("Host: 127.0.0.1:").append(port).append("\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				all.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new IOException("no complete answer within 10s; got: " + all.toString(StandardCharsets.ISO_8859_1),
					ex);
		}
		return all.toByteArray();
	}

	private static Answer parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		String head = (end >= 0) ? text.substring(0, end) : text;
		byte[] body = (end >= 0) ? Arrays.copyOfRange(raw, end + 4, raw.length) : new byte[0];
		List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n", -1)));
		String statusLine = lines.isEmpty() ? "" : lines.remove(0);
		String[] parts = statusLine.split(" ");
		int status = (parts.length > 1 && parts[1].matches("\\d{3}")) ? Integer.parseInt(parts[1]) : -1;
		return new Answer(status, lines, body, raw);
	}

}
