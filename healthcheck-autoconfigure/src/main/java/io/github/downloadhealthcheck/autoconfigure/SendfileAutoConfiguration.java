package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.sendfile.NginxOptions;
import io.github.downloadhealthcheck.sendfile.ObjectSendfile;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;

/**
 * Auto-configuration of the {@link SendfileResponder} applications answer downloads with.
 */
@AutoConfiguration
@ConditionalOnClass(ResponseEntity.class)
@EnableConfigurationProperties({ SendfileProperties.class, ObjectSendfileProperties.class })
public final class SendfileAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SendfileMapper sendfileMapper(SendfileProperties properties) {
		return new SendfileMapper(properties.isEnabled(), SendfileRules.from(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	SendfileResponder sendfileResponder(SendfileMapper mapper, SendfileProperties properties,
			ObjectSendfileProperties objectProperties) {
		SendfileProperties.Nginx nginx = properties.getNginx();
		NginxOptions options = new NginxOptions(nginx.getBuffering(),
				(nginx.getLimitRate() != null) ? nginx.getLimitRate().toBytes() : null, nginx.getExpires(),
				nginx.getCharset());
		String destination = objectProperties.getDestination();
		if (!destination.startsWith("/") || destination.contains("?") || destination.contains("#")) {
			throw new InvalidDownloadPropertyException("download.sendfile.object-storage.destination", destination,
					"not a plain URI path", "Set it to the internal location's path, e.g. /internal-object-storage.");
		}
		return new SendfileResponder(mapper, options,
				new ObjectSendfile(properties.isEnabled(), properties.getServer(), destination));
	}

}
