package io.github.downloadhealthcheck.internal.check;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandOffUri}.
 */
class HandOffUriTests {

	private static final URI PROXY = URI.create("http://user:pw@127.0.0.1:8081/healthcheck-utils/dummy-file?x=1");

	@Test
	void uriHandOffIsRequestedOnTheProxysOrigin() {
		assertThat(HandOffUri.of(PROXY, handOff(SendfileServer.NGINX, "/internal-storage/.d/dummy.bin", false)))
			.isEqualTo(URI.create("http://user:pw@127.0.0.1:8081/internal-storage/.d/dummy.bin"));
	}

	@Test
	void filePathHandOffExposesNothingByUri() {
		assertThat(HandOffUri.of(PROXY, handOff(SendfileServer.APACHE, "/srv/storage/.d/dummy.bin", false))).isNull();
	}

	@Test
	void presignedObjectHandOffIsNotStorageExposure() {
		assertThat(HandOffUri.of(PROXY,
				handOff(SendfileServer.NGINX, "/internal-object-storage/b/d?X-Amz-Signature=x", true)))
			.isNull();
	}

	@Test
	void noHandOff() {
		assertThat(HandOffUri.of(PROXY,
				new SendfileDecision.Stream("/srv/d", SendfileDecision.Stream.Why.NO_RULE, "no rule")))
			.isNull();
	}

	private static SendfileDecision handOff(SendfileServer server, String value, boolean signed) {
		return new SendfileDecision.HandOff("/srv/storage/.d/dummy.bin", server, "/internal-storage", "/srv/storage",
				value, signed);
	}

}
