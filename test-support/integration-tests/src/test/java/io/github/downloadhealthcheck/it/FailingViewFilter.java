package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only fault: while switched on, the healthcheck view answers {@code 500}, as a
 * broken filter or a failing security layer in front of it would.
 */
final class FailingViewFilter extends OncePerRequestFilter {

	private final AtomicBoolean failing = new AtomicBoolean();

	void failing(boolean on) {
		this.failing.set(on);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.failing.get() && request.getRequestURI().startsWith("/healthcheck-utils/download")) {
			response.sendError(500, "injected fault");
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
		FailingViewFilter failingViewFilter() {
			return new FailingViewFilter();
		}

	}

}
