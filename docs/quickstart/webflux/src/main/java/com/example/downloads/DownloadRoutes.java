package com.example.downloads;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
		return RouterFunctions.route()
			.GET("/downloads/{name}",
					(request) -> WebFluxResponses.from(responder.respond(storage, request.pathVariable("name"))))
			.build();
	}

}
