package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandOffUri}.
 */
class HandOffUriTests {

	private static final URI PROXY = URI.create("http://user:pw@127.0.0.1:8081/healthcheck-utils/dummy-file?x=1");

	@Test
	void uriHandOffIsRequestedOnTheProxysOrigin() {
		assertThat(HandOffUri.of(PROXY, handOff("X-Accel-Redirect", "/internal-storage/.d/dummy.bin"), true))
			.isEqualTo(URI.create("http://user:pw@127.0.0.1:8081/internal-storage/.d/dummy.bin"));
	}

	@Test
	void filePathHandOffExposesNothingByUri() {
		assertThat(HandOffUri.of(PROXY, handOff("X-Sendfile", "/srv/storage/.d/dummy.bin"), true)).isNull();
	}

	@Test
	void switchedOff() {
		assertThat(HandOffUri.of(PROXY, handOff("X-Accel-Redirect", "/internal-storage/d"), false)).isNull();
	}

	@Test
	void noProxyUrlOrNoHandOff() {
		assertThat(HandOffUri.of(null, handOff("X-Accel-Redirect", "/internal-storage/d"), true)).isNull();
		assertThat(HandOffUri.of(PROXY, new SendfileDecision.Stream(Path.of("/srv/d"), "no rule"), true)).isNull();
	}

	private static SendfileDecision handOff(String header, String value) {
		return new SendfileDecision.HandOff(Path.of("/srv/storage/.d/dummy.bin"),
				new SendfileRule(Path.of("/srv/storage"), "/internal-storage", SendfileServer.NGINX), header, value);
	}

}
