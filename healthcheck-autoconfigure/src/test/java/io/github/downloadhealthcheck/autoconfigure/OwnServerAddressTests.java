package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.VIEW;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.assertHandOff;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.awaitLayer;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.origin;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.send;
import static io.github.downloadhealthcheck.autoconfigure.RunningApplications.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code backend} check calls the healthcheck view where the application's own server
 * listens: with {@code server.address} bound to one address that is not
 * {@code 127.0.0.1}, a real Tomcat and a real Netty answer nothing on {@code 127.0.0.1}.
 */
class OwnServerAddressTests {

	@TempDir
	Path storage;

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void serverBoundToAnotherLoopbackAddress(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, this.storage, List.of(),
				"server.address=127.0.0.2")) {
			Health backend = awaitLayer(context, "backend", Status.UP);
			assertThat(backend.getDetails().toString()).contains("127.0.0.2");
			assertHandOff(
					send(HttpClient.newHttpClient(), "GET", URI.create(origin(context, "http", "127.0.0.2") + VIEW)));
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void serverBoundToTheWildcardAddressIsCalledOnLoopback(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, this.storage, List.of(), "server.address=0.0.0.0")) {
			assertThat(awaitLayer(context, "backend", Status.UP).getDetails().toString()).contains("127.0.0.1");
		}
	}

}
