package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.security.DownloadHealthViewSecurity;
import io.github.downloadhealthcheck.web.DownloadHealthView;

/**
 * Auto-configuration of the healthcheck view's own Spring Security filter chain
 * ({@link DownloadHealthViewSecurity}), so that Spring Boot's default security, or the
 * application's, does not answer {@code 401} to the checks and the proxy.
 * <p>
 * Runs after every auto-configuration that contributes a chain only when the application
 * has none (Boot's default, the actuator's, OAuth2's, SAML's): they see no chain of the
 * starter's and still secure everything else. It also adds its chain only in front of
 * chains that exist: Spring Security builds its own secure-everything default only when
 * there is no chain at all, so a chain for the view alone would leave every other path
 * open.
 */
@AutoConfiguration(after = DownloadHealthContributorAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.saml2.autoconfigure.Saml2RelyingPartyAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "download.healthcheck.view.security.enabled", matchIfMissing = true)
@ConditionalOnBean(DownloadHealthView.class)
public final class DownloadHealthViewSecurityAutoConfiguration {

	/**
	 * The chain's bean name on Spring MVC: an application's bean of this name replaces
	 * it.
	 */
	public static final String SERVLET_CHAIN = "downloadHealthViewSecurityFilterChain";

	/**
	 * The chain's bean name on WebFlux: an application's bean of this name replaces it.
	 */
	public static final String REACTIVE_CHAIN = "downloadHealthViewSecurityWebFilterChain";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, PathPatternRequestMatcher.class })
	@ConditionalOnBean(SecurityFilterChain.class)
	static class ServletConfiguration {

		@Bean(SERVLET_CHAIN)
		@ConditionalOnMissingBean(name = SERVLET_CHAIN)
		@Order(DownloadHealthViewSecurity.ORDER)
		SecurityFilterChain downloadHealthViewSecurityFilterChain(HttpSecurity http,
				ObjectProvider<PathPatternRequestMatcher.Builder> paths, DownloadHealthSettings settings) {
			return DownloadHealthViewSecurity.servlet(http,
					paths.getIfAvailable(PathPatternRequestMatcher::withDefaults), settings.view().path());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ SecurityWebFilterChain.class, ServerHttpSecurity.class })
	@ConditionalOnBean(SecurityWebFilterChain.class)
	static class ReactiveConfiguration {

		@Bean(REACTIVE_CHAIN)
		@ConditionalOnMissingBean(name = REACTIVE_CHAIN)
		@Order(DownloadHealthViewSecurity.ORDER)
		SecurityWebFilterChain downloadHealthViewSecurityWebFilterChain(ServerHttpSecurity http,
				DownloadHealthSettings settings) {
			return DownloadHealthViewSecurity.reactive(http, settings.view().path());
		}

	}

}
