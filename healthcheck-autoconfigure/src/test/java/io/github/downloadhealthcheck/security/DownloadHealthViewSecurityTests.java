package io.github.downloadhealthcheck.security;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import io.github.downloadhealthcheck.autoconfigure.DownloadHealthViewSecurityAutoConfiguration;
import reactor.core.publisher.Mono;

import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.VIEW;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.assertHandOff;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.assertSecured;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.awaitLayer;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.send;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The healthcheck view behind real Spring Security, in real applications on Tomcat
 * (Spring MVC) and on Netty (WebFlux): the {@code backend} layer is {@code UP} and the
 * view answers anonymous {@code GET} and {@code HEAD}, while {@code POST} to it and every
 * other path stay secured, with Boot's default security and with the application's own
 * restrictive chains.
 */
class DownloadHealthViewSecurityTests {

	@TempDir
	Path storage;

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void bootsDefaultSecurity(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, this.storage, List.of())) {
			assertViewOpenAndRestSecured(context);
		}
	}

	@Test
	void restrictiveChainOnSpringMvc() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, this.storage,
				List.of(ServletAuthenticatedChain.class))) {
			assertViewOpenAndRestSecured(context);
		}
	}

	@Test
	void restrictiveChainOnWebFlux() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE, this.storage,
				List.of(ReactiveAuthenticatedChain.class, ReactiveUsers.class))) {
			assertViewOpenAndRestSecured(context);
		}
	}

	@Test
	void formLoginOnSpringMvc() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, this.storage,
				List.of(ServletFormLoginChain.class))) {
			assertViewOpenAndRestSecured(context);
			assertHeader(context, "Location", "/login");
		}
	}

	@Test
	void formLoginOnWebFlux() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE, this.storage,
				List.of(ReactiveFormLoginChain.class, ReactiveUsers.class))) {
			assertViewOpenAndRestSecured(context);
			assertHeader(context, "Location", "/login");
		}
	}

	@Test
	void oauth2ResourceServerWithJwtOnSpringMvc() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, this.storage,
				List.of(ServletJwtDecoder.class))) {
			assertViewOpenAndRestSecured(context);
			assertHeader(context, "WWW-Authenticate", "Bearer");
		}
	}

	@Test
	void oauth2ResourceServerWithJwtOnWebFlux() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE, this.storage,
				List.of(ReactiveJwtDecoderConfiguration.class))) {
			assertViewOpenAndRestSecured(context);
			assertHeader(context, "WWW-Authenticate", "Bearer");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void switchedOffTheViewIsSecuredAndBackendSaysSo(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, this.storage, List.of(),
				"download.healthcheck.view.security.enabled=false")) {
			assertThat(context.containsBean(DownloadHealthViewSecurityAutoConfiguration.SERVLET_CHAIN)).isFalse();
			assertThat(context.containsBean(DownloadHealthViewSecurityAutoConfiguration.REACTIVE_CHAIN)).isFalse();
			assertSecured(send(context, "GET", VIEW));
			Health backend = awaitLayer(context, "backend", Status.DOWN);
			assertThat(backend.getDetails().toString()).contains("401").contains("permit anonymous GET");
		}
	}

	/**
	 * A catch-all chain the application orders first still comes after the starter's: on
	 * Spring MVC, Spring Security would otherwise refuse to start (the starter's chain
	 * unreachable behind it).
	 */
	@Test
	void catchAllChainOrderedFirstOnSpringMvc() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, this.storage,
				List.of(ServletFirstChain.class))) {
			assertViewOpenAndRestSecured(context);
		}
	}

	@Test
	void catchAllChainOrderedFirstOnWebFlux() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE, this.storage,
				List.of(ReactiveFirstChain.class, ReactiveUsers.class))) {
			assertViewOpenAndRestSecured(context);
		}
	}

	/**
	 * The application's own chain still answers for its paths: a login redirect, a bearer
	 * challenge.
	 */
	private static void assertHeader(ConfigurableApplicationContext context, String name, String part) {
		assertThat(send(context, "GET", "/files/a").headers().firstValue(name))
			.hasValueSatisfying((value) -> assertThat(value).contains(part));
	}

	private static void assertViewOpenAndRestSecured(ConfigurableApplicationContext context) {
		awaitLayer(context, "storage", Status.UP);
		awaitLayer(context, "backend", Status.UP);
		assertHandOff(send(context, "GET", VIEW));
		assertThat(send(context, "HEAD", VIEW).statusCode()).isEqualTo(200);
		assertThat(send(context, "OPTIONS", VIEW).statusCode()).isEqualTo(200);
		for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
			assertSecured(send(context, method, VIEW));
		}
		assertSecured(send(context, "GET", "/files/a"));
		assertSecured(send(context, "GET", "/healthcheck-utils/download/other"));
		assertSecured(send(context, "GET", "/healthcheck-utils/"));
		assertSecured(send(context, "GET", "/actuator/env"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ServletAuthenticatedChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServletFormLoginChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServletFirstChain {

		@Bean
		@Order(1)
		SecurityFilterChain userChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServletJwtDecoder {

		/**
		 * Spring Boot builds the resource server's chain for it; no token is valid, and
		 * nothing is fetched from the network.
		 */
		@Bean
		JwtDecoder jwtDecoder() {
			return (token) -> {
				throw new BadJwtException("no token is valid here");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveAuthenticatedChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveFormLoginChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.formLogin(withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveFirstChain {

		@Bean
		@Order(1)
		SecurityWebFilterChain userChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(withDefaults())
				.build();
		}

	}

	/**
	 * The users of the reactive chains with a login: Boot gives one only without a chain.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ReactiveUsers {

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("user").password("{noop}secret").roles("USER").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveJwtDecoderConfiguration {

		@Bean
		ReactiveJwtDecoder jwtDecoder() {
			return (token) -> Mono.error(new BadJwtException("no token is valid here"));
		}

	}

}
