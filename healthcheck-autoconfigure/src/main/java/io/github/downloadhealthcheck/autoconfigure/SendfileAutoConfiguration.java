package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.sendfile.NginxOptions;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;

/**
 * Auto-configuration of the {@link SendfileResponder} applications answer downloads with.
 */
@AutoConfiguration
@ConditionalOnClass(ResponseEntity.class)
@EnableConfigurationProperties(SendfileProperties.class)
public final class SendfileAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SendfileMapper sendfileMapper(SendfileProperties properties) {
		return new SendfileMapper(properties.isEnabled(), SendfileRules.from(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	SendfileResponder sendfileResponder(SendfileMapper mapper, SendfileProperties properties) {
		SendfileProperties.Nginx nginx = properties.getNginx();
		NginxOptions options = new NginxOptions(nginx.getBuffering(),
				(nginx.getLimitRate() != null) ? nginx.getLimitRate().toBytes() : null, nginx.getExpires(),
				nginx.getCharset());
		return new SendfileResponder(mapper, options);
	}

}
