package io.github.downloadhealthcheck.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Serves {@code GET /files/{name}} from a storage folder through the reverse proxy.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleStorageProperties.class)
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
