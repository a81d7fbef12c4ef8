package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only fault: while switched on, the healthcheck view sees every HEAD as a GET, as
 * an application does that answers downloads without passing the request's method to the
 * responder. The container still answers the client's HEAD without a body.
 */
final class HeadAsGetFilter extends OncePerRequestFilter {

	private final AtomicBoolean on = new AtomicBoolean();

	void on(boolean on) {
		this.on.set(on);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.on.get() && "HEAD".equals(request.getMethod())
				&& request.getRequestURI().startsWith("/healthcheck-utils/download")) {
			chain.doFilter(new HttpServletRequestWrapper(request) {

				@Override
				public String getMethod() {
					return "GET";
				}

			}, response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Registers the filter in the application under test.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Injection {

		@Bean
		HeadAsGetFilter headAsGetFilter() {
			return new HeadAsGetFilter();
		}

	}

}
