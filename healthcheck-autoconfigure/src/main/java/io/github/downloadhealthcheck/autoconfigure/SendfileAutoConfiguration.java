package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.config.SendfileProperties;
import io.github.downloadhealthcheck.config.SendfileSettingsResolver;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.web.HandOffAcceptRangesAdvice;

/**
 * Auto-configuration of the {@link SendfileResponder} applications answer downloads with.
 */
@AutoConfiguration
@ConditionalOnClass(ResponseEntity.class)
@EnableConfigurationProperties(SendfileProperties.class)
public final class SendfileAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SendfileResponder sendfileResponder(SendfileProperties properties) {
		return new SendfileResponder(SendfileSettingsResolver.resolve(properties));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice")
	static class WebMvcConfiguration {

		@Bean
		HandOffAcceptRangesAdvice handOffAcceptRangesAdvice() {
			return new HandOffAcceptRangesAdvice();
		}

	}

}
