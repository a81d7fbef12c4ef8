package io.github.downloadhealthcheck.it;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.downloadhealthcheck.harness.proxy.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The real sample application started with a proxy URL that points back at itself:
 * start-up stops with Spring Boot's failure report naming the property, the value and the
 * fix, whether the port is fixed in {@code server.port} or only known once the web server
 * runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationStartUpIntegrationTests {

	@TempDir
	static Path storage;

	@Test
	void proxyUrlOnTheFixedServerPortStopsStartUp(CapturedOutput output) {
		int port = FreePorts.next();
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, FreePorts.next());
		properties.put("server.port", Integer.toString(port));
		properties.put("download.healthcheck.proxy.url", "http://127.0.0.1:" + port + "/healthcheck-utils/dummy-file");
		assertThatException().isThrownBy(() -> RunningSampleApp.start(properties).close());
		assertFailureReport(output, "download.healthcheck.proxy.url",
				"http://127.0.0.1:" + port + "/healthcheck-utils/dummy-file", port);
	}

	@Test
	void endToEndUrlOnThePortTheWebServerGotStopsStartUp(CapturedOutput output) {
		int port = FreePorts.next();
		Map<String, String> properties = NginxFaultMatrixIntegrationTests.properties(storage, FreePorts.next());
		// server.port stays 0: the port is only known once the web server runs.
		properties.put("test.web-server.port", Integer.toString(port));
		properties.put("download.healthcheck.end-to-end.url",
				"http://localhost:" + port + "/healthcheck-utils/download/");
		assertThatException()
			.isThrownBy(() -> RunningSampleApp.start(properties, PortOnlyKnownAtRunTime.class).close());
		assertFailureReport(output, "download.healthcheck.end-to-end.url",
				"http://localhost:" + port + "/healthcheck-utils/download/", port);
	}

	private static void assertFailureReport(CapturedOutput output, String property, String value, int port) {
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + value + "' for property '" + property + "'")
			.contains("points back at this application's own server port " + port)
			.contains("Action:")
			.contains("Set " + property + " to the reverse proxy's address");
	}

	/**
	 * Gives the web server its port after the properties were bound, as a platform
	 * assigning ports at run time would.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PortOnlyKnownAtRunTime {

		@Bean
		WebServerFactoryCustomizer<ConfigurableWebServerFactory> portAtRunTime(Environment environment) {
			int port = environment.getRequiredProperty("test.web-server.port", Integer.class);
			return (factory) -> factory.setPort(port);
		}

	}

}
