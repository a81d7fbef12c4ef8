package io.github.downloadhealthcheck.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Keeps {@code Accept-Ranges} off the empty hand-off answers of annotated Spring MVC
 * controllers. Spring MVC announces ranges for every {@code ResponseEntity<Resource>},
 * body or not; nginx passes the application's header on with the file it sends and adds
 * its own, so the client got {@code Accept-Ranges: bytes} twice. The proxy serves the
 * file and its ranges: the announcement is its to make.
 */
@ControllerAdvice
public final class HandOffAcceptRangesAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return ResourceHttpMessageConverter.class.isAssignableFrom(converterType);
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body == null && isHandOff(response.getHeaders())) {
			response.getHeaders().remove(HttpHeaders.ACCEPT_RANGES);
		}
		return body;
	}

	private static boolean isHandOff(HttpHeaders headers) {
		for (SendfileServer server : SendfileServer.values()) {
			if (headers.containsHeader(server.headerName())) {
				return true;
			}
		}
		return false;
	}

}
