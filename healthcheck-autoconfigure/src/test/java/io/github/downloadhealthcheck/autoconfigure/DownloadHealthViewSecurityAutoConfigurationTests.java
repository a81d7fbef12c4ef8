package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadHealthViewSecurityAutoConfiguration}: when the healthcheck
 * view gets its own Spring Security filter chain, and when it backs off. What the chains
 * let through is tested against real servers in
 * {@code io.github.downloadhealthcheck.security.DownloadHealthViewSecurityTests}.
 */
class DownloadHealthViewSecurityAutoConfigurationTests {

	private static final String SERVLET_CHAIN = DownloadHealthViewSecurityAutoConfiguration.SERVLET_CHAIN;

	private static final String REACTIVE_CHAIN = DownloadHealthViewSecurityAutoConfiguration.REACTIVE_CHAIN;

	@TempDir
	Path storage;

	private WebApplicationContextRunner servlet() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class,
					DownloadHealthViewSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage");
	}

	private ReactiveWebApplicationContextRunner reactive() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class,
					DownloadHealthViewSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
					ReactiveManagementWebSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class))
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage");
	}

	@Test
	void servletChainInFrontOfBootsDefault() {
		servlet().run((context) -> assertThat(context).hasNotFailed()
			.hasBean(SERVLET_CHAIN)
			.hasBean("defaultSecurityFilterChain")
			.doesNotHaveBean(REACTIVE_CHAIN));
	}

	@Test
	void reactiveChainInFrontOfBootsDefault() {
		reactive().run((context) -> assertThat(context).hasNotFailed()
			.hasBean(REACTIVE_CHAIN)
			.hasBean("springSecurityFilterChain")
			.doesNotHaveBean(SERVLET_CHAIN));
	}

	@Test
	void servletSwitchedOff() {
		servlet().withPropertyValues("download.healthcheck.view.security.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SERVLET_CHAIN));
	}

	@Test
	void reactiveSwitchedOff() {
		reactive().withPropertyValues("download.healthcheck.view.security.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(REACTIVE_CHAIN));
	}

	@Test
	void servletBacksOffForTheApplicationsChainOfThatName() {
		servlet().withUserConfiguration(UsersServletChain.class)
			.run((context) -> assertThat(context.getBeanFactory().getBeanDefinition(SERVLET_CHAIN).getFactoryBeanName())
				.contains("UsersServletChain"));
	}

	@Test
	void reactiveBacksOffForTheApplicationsChainOfThatName() {
		reactive().withUserConfiguration(UsersReactiveChain.class)
			.run((context) -> assertThat(
					context.getBeanFactory().getBeanDefinition(REACTIVE_CHAIN).getFactoryBeanName())
				.contains("UsersReactiveChain"));
	}

	@Test
	void noChainWhenTheViewIsSwitchedOff() {
		servlet().withPropertyValues("download.healthcheck.view.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SERVLET_CHAIN));
	}

	@Test
	void noChainWithoutSpringSecurity() {
		servlet().withClassLoader(new FilteredClassLoader(SecurityFilterChain.class, SecurityWebFilterChain.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SERVLET_CHAIN));
	}

	/**
	 * Spring Security secures every path by default only when the application has no
	 * chain at all: the view's chain alone would open every other path.
	 */
	@Test
	void neverTheOnlyChain() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class,
					DownloadHealthViewSecurityAutoConfiguration.class))
			.withUserConfiguration(SecurityWithoutChains.class)
			.withPropertyValues("download.sendfile.rules[0].source=" + this.storage,
					"download.sendfile.rules[0].destination=/internal-storage")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SERVLET_CHAIN)
				.doesNotHaveBean(SecurityFilterChain.class));
	}

	@EnableWebSecurity
	static class SecurityWithoutChains {

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersServletChain {

		@Bean(SERVLET_CHAIN)
		SecurityFilterChain own(HttpSecurity http) {
			return http.securityMatcher("/healthcheck-utils/download/")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersReactiveChain {

		@Bean(REACTIVE_CHAIN)
		SecurityWebFilterChain own(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/healthcheck-utils/download/"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
		}

	}

}
