package io.github.downloadhealthcheck.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The starter's own Spring Security filter chain for the healthcheck view, the way Spring
 * Boot's devtools opens its restart endpoint: a chain matching the view's path only, that
 * permits anonymous {@code GET}, {@code HEAD} and {@code OPTIONS} there and denies every
 * other method. Safe to open: the view answers for the dummy file only, whatever the
 * request, through the same hand-off the application's downloads use; it reads nothing
 * from the request, and the dummy file's bytes are deterministic and hold nothing secret.
 * The chain keeps no session and saves no request, so a check every few seconds leaves
 * nothing behind; Spring Security's response headers stay, as on the application's own
 * downloads.
 */
public final class DownloadHealthViewSecurity {

	/**
	 * The chains' order: in front of every chain an application usually orders
	 * ({@code @Order(1)}, {@code @Order(2)}, none) and of Spring Boot's own (its default,
	 * the actuator's and the OAuth2 ones). Spring Security uses the first chain that
	 * matches a request, and on Spring MVC refuses to start when a chain matching any
	 * request comes before another: a catch-all chain of the application's in front of
	 * this one would stop the application from starting, not just secure the view. Only a
	 * chain ordered {@code HIGHEST_PRECEDENCE} to {@code HIGHEST_PRECEDENCE + 9} comes
	 * first.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private DownloadHealthViewSecurity() {
	}

	/**
	 * The chain on Spring MVC.
	 * @param http Spring Security's builder, one for this chain
	 * @param paths matches paths as the application's dispatcher servlet maps them
	 * @param path the validated {@code download.healthcheck.view.path}
	 * @return the chain
	 */
	public static SecurityFilterChain servlet(HttpSecurity http, PathPatternRequestMatcher.Builder paths, String path) {
		http.securityMatcher(paths.matcher(path))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(paths.matcher(HttpMethod.GET, path), paths.matcher(HttpMethod.HEAD, path),
						paths.matcher(HttpMethod.OPTIONS, path))
				.permitAll()
				.anyRequest()
				.denyAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(RequestCacheConfigurer::disable);
		return http.build();
	}

	/**
	 * The chain on WebFlux.
	 * @param http Spring Security's builder, one for this chain
	 * @param path the validated {@code download.healthcheck.view.path}
	 * @return the chain
	 */
	public static SecurityWebFilterChain reactive(ServerHttpSecurity http, String path) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(path))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, path)
				.permitAll()
				.pathMatchers(HttpMethod.HEAD, path)
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS, path)
				.permitAll()
				.anyExchange()
				.denyAll())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.build();
	}

}
