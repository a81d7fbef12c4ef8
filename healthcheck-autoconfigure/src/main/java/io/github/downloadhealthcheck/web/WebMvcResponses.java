package io.github.downloadhealthcheck.web;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.function.HandlerFunction;
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
		HandlerFunction<ServerResponse> respond = (request) -> from(view.respond());
		return RouterFunctions.route()
			.GET(path, respond)
			// A functional GET route leaves HEAD out: download managers and link checkers
			// send it.
			.HEAD(path, respond)
			// What an annotated GET mapping answers, so clients probing the view learn
			// the same.
			.OPTIONS(path, (request) -> ServerResponse.ok().header(HttpHeaders.ALLOW, ALLOW).build())
			.build();
	}

}
