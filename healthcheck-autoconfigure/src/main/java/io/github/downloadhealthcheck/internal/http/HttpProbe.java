package io.github.downloadhealthcheck.internal.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * Sends one GET and observes the answer while reading at most a capped number of bytes:
 * the body is digested as it streams, so a huge or endless body costs no heap. The
 * {@link WebClient} given must not follow redirects.
 */
public final class HttpProbe {

	private static final int PREVIEW_BYTES = 512;

	private final Supplier<WebClient> webClient;

	private final long maxBodyBytes;

	/**
	 * Creates a probe.
	 * @param webClient client that does not follow redirects
	 * @param maxBodyBytes how many body bytes to read at most
	 */
	public HttpProbe(WebClient webClient, long maxBodyBytes) {
		this(() -> webClient, maxBodyBytes);
	}

	/**
	 * Creates a probe whose client is built when first needed, so that building it (and
	 * loading its HTTP library) is not part of the application's start-up.
	 * @param webClient supplies the client that does not follow redirects, once
	 * @param maxBodyBytes how many body bytes to read at most
	 */
	public HttpProbe(Supplier<WebClient> webClient, long maxBodyBytes) {
		this.webClient = webClient;
		this.maxBodyBytes = maxBodyBytes;
	}

	/**
	 * Sends a GET.
	 * @param uri where to; user info in it becomes HTTP basic authentication
	 * @return the observation, or an error for transport failures
	 */
	public Mono<HttpObservation> get(URI uri) {
		return get(uri, new Progress());
	}

	/**
	 * Sends a GET and records how far the answer got, for a caller that stops waiting.
	 * @param uri the URL
	 * @param progress records how far the answer got
	 * @return the observation
	 */
	public Mono<HttpObservation> get(URI uri, Progress progress) {
		return exchange(HttpMethod.GET, uri, progress);
	}

	/**
	 * Sends a HEAD: download managers and link checkers do, and an object store answers
	 * it only with a URL signed for HEAD.
	 * @param uri where to; user info in it becomes HTTP basic authentication
	 * @return the observation, with no body, or an error for transport failures
	 */
	public Mono<HttpObservation> head(URI uri) {
		return exchange(HttpMethod.HEAD, uri, new Progress());
	}

	private Mono<HttpObservation> exchange(HttpMethod method, URI uri, Progress progress) {
		return this.webClient.get()
			.method(method)
			.uri(withoutUserInfo(uri))
			.headers((headers) -> basicAuthentication(uri, headers))
			.exchangeToMono((response) -> observe(response, progress));
	}

	private Mono<HttpObservation> observe(ClientResponse response, Progress progress) {
		progress.status = response.statusCode().value();
		BodyDigest body = new BodyDigest(this.maxBodyBytes, isText(response));
		return response.bodyToFlux(DataBuffer.class).doOnNext((buffer) -> {
			try {
				body.add(buffer);
				progress.bodyBytes = body.count;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			// Stop reading past the cap: the connection is dropped instead of draining
			// it.
			.takeUntil((buffer) -> body.overCap())
			.then(Mono.fromSupplier(() -> new HttpObservation(response.statusCode().value(),
					response.headers().asHttpHeaders(), body.count, body.hex(), body.overCap(), body.preview())));
	}

	private static boolean isText(ClientResponse response) {
		return response.headers()
			.contentType()
			.map((type) -> type.getType().equals("text") || type.isCompatibleWith(MediaType.APPLICATION_JSON)
			// Object stores explain refusals in XML (S3:
			// <Error><Code>...</Code><Message>...).
					|| type.isCompatibleWith(MediaType.APPLICATION_XML))
			.orElse(false);
	}

	private static URI withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri;
		}
		return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
	}

	private static void basicAuthentication(URI uri, HttpHeaders headers) {
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			String user = URLDecoder.decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo,
					StandardCharsets.UTF_8);
			String password = (colon >= 0) ? URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8)
					: "";
			headers.setBasicAuth(user, password);
		}
	}

	/**
	 * How far an answer got: its status once the headers arrived, and the body bytes
	 * read.
	 */
	public static final class Progress {

		private volatile int status = -1;

		private volatile long bodyBytes;

		/**
		 * The status, or -1 before the headers arrived.
		 * @return the status
		 */
		public int status() {
			return this.status;
		}

		/**
		 * The body bytes read so far.
		 * @return the count
		 */
		public long bodyBytes() {
			return this.bodyBytes;
		}

	}

	private static final class BodyDigest {

		private final MessageDigest digest = DummyFile.sha256Digest();

		private final long cap;

		private final byte[] preview;

		private int previewLength;

		private long count;

		BodyDigest(long cap, boolean keepPreview) {
			this.cap = cap;
			this.preview = new byte[keepPreview ? PREVIEW_BYTES : 0];
		}

		void add(DataBuffer buffer) {
			int readable = buffer.readableByteCount();
			try (DataBuffer.ByteBufferIterator iterator = buffer.readableByteBuffers()) {
				while (iterator.hasNext()) {
					java.nio.ByteBuffer chunk = iterator.next();
					int take = Math.min(this.preview.length - this.previewLength, chunk.remaining());
					if (take > 0) {
						chunk.duplicate().get(this.preview, this.previewLength, take);
						this.previewLength += take;
					}
					this.digest.update(chunk);
				}
			}
			this.count += readable;
		}

		boolean overCap() {
			return this.count > this.cap;
		}

		String hex() {
			return HexFormat.of().formatHex(this.digest.digest());
		}

		@Nullable String preview() {
			if (this.previewLength == 0) {
				return null;
			}
			String text = new String(this.preview, 0, this.previewLength, StandardCharsets.UTF_8)
				.replaceAll("\\s+", " ")
				.strip();
			return (this.count > this.previewLength) ? text + "..." : text;
		}

	}

}
