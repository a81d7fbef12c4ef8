package com.example.downloads;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.web.WebFluxResponses;

@Configuration(proxyBeanMethods = false)
class DownloadRoutes {

	@Bean
	RouterFunction<ServerResponse> downloads(SendfileResponder responder, DownloadStorage storage) {
		HandlerFunction<ServerResponse> download = (request) -> WebFluxResponses
			.from(responder.respond(request.method(), storage, request.pathVariable("name")));
		// A functional GET route alone answers HEAD with 404: route HEAD too.
		return RouterFunctions.route().GET("/downloads/{name}", download).HEAD("/downloads/{name}", download).build();
	}

}
