package io.github.downloadhealthcheck.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.client.reactive.AbstractClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The checks' {@link ClientHttpConnector} on the JDK's own {@link HttpClient}, for GETs
 * and HEADs without a body. Spring's {@code JdkClientHttpConnector} caches the response
 * body ({@code Flux.cache}), so a reader that stops early (past the byte cap, at its
 * timeout) never cancels the exchange: the connection then stays open, stalled, for as
 * long as the server keeps it. Here a cancelled body cancels the JDK's subscription,
 * which closes the connection, as Reactor Netty does.
 */
public final class JdkGetConnector implements ClientHttpConnector {

	private final HttpClient client;

	private final DataBufferFactory bufferFactory = DefaultDataBufferFactory.sharedInstance;

	/**
	 * Creates the connector.
	 * @param client the JDK client, which must not follow redirects
	 */
	public JdkGetConnector(HttpClient client) {
		this.client = client;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return Mono.error(new IllegalArgumentException("Only GET and HEAD are supported, not " + method));
		}
		Request request = new Request(method, uri, this.bufferFactory);
		return requestCallback.apply(request).then(Mono.create((sink) -> send(request.build(), sink)));
	}

	/**
	 * Sends the request; cancelling (a timeout) aborts the exchange, quietly: what the
	 * aborted exchange ends with is no error of anybody's.
	 */
	private void send(HttpRequest request, MonoSink<ClientHttpResponse> sink) {
		AtomicBoolean cancelled = new AtomicBoolean();
		CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofPublisher());
		sink.onCancel(() -> {
			cancelled.set(true);
			exchange.cancel(true);
		});
		exchange.whenComplete((response, error) -> {
			if (cancelled.get()) {
				if (response != null) {
					// Too late to abort the exchange: drop its connection by cancelling
					// the body.
					response.body().subscribe(new CancellingSubscriber());
				}
			}
			else if (error != null) {
				sink.error(
						(error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error);
			}
			else {
				sink.success(response(response));
			}
		});
	}

	/**
	 * Cancels the body it is given at once, which closes its connection.
	 */
	private static final class CancellingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			subscription.cancel();
		}

		@Override
		public void onNext(List<ByteBuffer> item) {
		}

		@Override
		public void onError(Throwable throwable) {
		}

		@Override
		public void onComplete() {
		}

	}

	private ClientHttpResponse response(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
		HttpHeaders headers = new HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		Flux<DataBuffer> body = JdkFlowAdapter.flowPublisherToFlux(response.body())
			.flatMapIterable(Function.identity())
			.map(this.bufferFactory::wrap)
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		return new Response(HttpStatusCode.valueOf(response.statusCode()), headers, body);
	}

	/**
	 * A GET whose headers the WebClient writes.
	 */
	private static final class Request extends AbstractClientHttpRequest {

		private final HttpMethod method;

		private final URI uri;

		private final DataBufferFactory bufferFactory;

		private final HttpRequest.Builder builder;

		Request(HttpMethod method, URI uri, DataBufferFactory bufferFactory) {
			this.method = method;
			this.uri = uri;
			this.bufferFactory = bufferFactory;
			this.builder = HttpRequest.newBuilder(uri).method(method.name(), HttpRequest.BodyPublishers.noBody());
		}

		HttpRequest build() {
			return this.builder.build();
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return this.bufferFactory;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getNativeRequest() {
			return (T) this.builder;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return Flux.from(body).doOnNext(DataBufferUtils::release).then(doCommit());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMap(Function.identity()));
		}

		@Override
		public Mono<Void> setComplete() {
			return doCommit();
		}

		@Override
		protected void applyHeaders() {
			getHeaders().forEach((name, values) -> {
				// Headers the JDK's client sets itself and refuses to be given.
				if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH) && !name.equalsIgnoreCase(HttpHeaders.HOST)
						&& !name.equalsIgnoreCase(HttpHeaders.CONNECTION)) {
					values.forEach((value) -> this.builder.header(name, value));
				}
			});
		}

		@Override
		protected void applyCookies() {
			getCookies().values()
				.forEach((cookies) -> cookies
					.forEach((cookie) -> this.builder.header(HttpHeaders.COOKIE, cookie.toString())));
		}

	}

	/**
	 * The answer, its body streamed and cancellable.
	 */
	private static final class Response extends AbstractClientHttpResponse {

		Response(HttpStatusCode status, HttpHeaders headers, Flux<DataBuffer> body) {
			super(status, headers, new LinkedMultiValueMap<String, ResponseCookie>(), body);
		}

	}

	/**
	 * A client for the checks: HTTP/1.1 like browsers over plain HTTP (the JDK's default
	 * asks for an h2c upgrade, which some proxies accept and then stall on), never
	 * following redirects.
	 * @param connectTimeout how long connecting may take
	 * @return the builder, for TLS settings to be added
	 */
	public static HttpClient.Builder clientBuilder(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout);
	}

}
