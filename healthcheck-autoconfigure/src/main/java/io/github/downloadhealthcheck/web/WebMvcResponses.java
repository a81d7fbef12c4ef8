package io.github.downloadhealthcheck.web;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sendfile API on Spring MVC's functional endpoints; annotated controllers return the
 * {@link ResponseEntity} of {@code SendfileResponder} as it is.
 */
public final class WebMvcResponses {

	private static final String ALLOW = "GET,HEAD,OPTIONS";

	private WebMvcResponses() {
	}

	/**
	 * A {@code SendfileResponder} answer as a functional endpoint's response.
	 * @param entity the answer
	 * @return the same status, headers and body
	 */
	public static ServerResponse from(ResponseEntity<Resource> entity) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(entity.getStatusCode())
			.headers((headers) -> headers.addAll(entity.getHeaders()));
		Resource body = entity.getBody();
		return (body != null) ? builder.body(body) : builder.build();
	}

	/**
	 * The healthcheck view at its path.
	 * @param path the validated {@code download.healthcheck.view.path}
	 * @param view the view
	 * @return the route
	 */
	public static RouterFunction<ServerResponse> route(String path, DownloadHealthView view) {
		return RouterFunctions.route()
			.GET(path, (request) -> from(view.respond(request.method())))
			// A functional GET route does not answer HEAD; download managers and link
			// checkers send it, and a HEAD of an object needs its own signature.
			.HEAD(path, (request) -> from(view.respond(request.method())))
			// What an annotated GET mapping answers, so clients probing the view learn
			// the same.
			.OPTIONS(path, (request) -> ServerResponse.ok().header(HttpHeaders.ALLOW, ALLOW).build())
			.build();
	}

}
