package io.github.downloadhealthcheck.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The sendfile API on WebFlux's functional endpoints; annotated controllers return the
 * {@link ResponseEntity} of {@code SendfileResponder} as it is.
 */
public final class WebFluxResponses {

	private static final String ALLOW = "GET,HEAD,OPTIONS";

	private WebFluxResponses() {
	}

	private static Mono<ServerResponse> respond(DownloadHealthView view, ServerRequest request) {
		return Mono.fromCallable(() -> view.respond(request.method()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(WebFluxResponses::from);
	}

	/**
	 * A {@code SendfileResponder} answer as a functional endpoint's response.
	 * @param entity the answer
	 * @return the same status, headers and body
	 */
	public static Mono<ServerResponse> from(ResponseEntity<Resource> entity) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(entity.getStatusCode())
			.headers((headers) -> headers.addAll(entity.getHeaders()));
		Resource body = entity.getBody();
		return (body != null) ? builder.body(BodyInserters.fromResource(body)) : builder.build();
	}

	/**
	 * The healthcheck view at its path. The view looks at the storage (a file's
	 * existence, a signature), so it runs off the event loop.
	 * @param path the validated {@code download.healthcheck.view.path}
	 * @param view the view
	 * @return the route
	 */
	public static RouterFunction<ServerResponse> route(String path, DownloadHealthView view) {
		return RouterFunctions.route()
			.GET(path, (request) -> respond(view, request))
			// A functional GET route does not answer HEAD; download managers and link
			// checkers send it, and a HEAD of an object needs its own signature.
			.HEAD(path, (request) -> respond(view, request))
			// What an annotated GET mapping answers, so clients probing the view learn
			// the same.
			.OPTIONS(path, (request) -> ServerResponse.ok().header(HttpHeaders.ALLOW, ALLOW).build())
			.build();
	}

}
