package io.github.downloadhealthcheck.config;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Urls}.
 */
class UrlsTests {

	@Test
	void maskedUrlHidesThePassword() {
		URI uri = URI.create("http://alice:s%3Acr%40t@proxy.example:8443/healthcheck?x=1");
		assertThat(Urls.masked(uri)).isEqualTo("http://alice:******@proxy.example:8443/healthcheck?x=1")
			.doesNotContain("s%3Acr%40t", "cr");
	}

	@Test
	void maskedUrlWithoutUserInfoIsUnchanged() {
		URI uri = URI.create("http://proxy.example/healthcheck");
		assertThat(Urls.masked(uri)).isEqualTo("http://proxy.example/healthcheck");
	}

	@Test
	void maskedTextHidesAPasswordWithAnUnencodedAtSign() {
		assertThat(Urls.masked("http://user:p@ssw0rd@proxy.example/x")).doesNotContain("ssw0rd")
			.startsWith("http://user:******@");
	}

	@Test
	void maskedUrlHidesAPresignedSignatureAndCredential() {
		assertThat(Urls.masked("http://s3/b/k?X-Amz-Credential=AKID%2F20260101&X-Amz-Signature=abc&x=1"))
			.isEqualTo("http://s3/b/k?X-Amz-Credential=******&X-Amz-Signature=******&x=1");
	}

	@Test
	void effectivePortIsTheSchemesDefaultWhenNoneIsWritten() {
		assertThat(Urls.effectivePort(URI.create("http://proxy/x"))).isEqualTo(80);
		assertThat(Urls.effectivePort(URI.create("https://proxy/x"))).isEqualTo(443);
		assertThat(Urls.effectivePort(URI.create("https://proxy:8443/x"))).isEqualTo(8443);
	}

	@Test
	void durationsAreShownAsPropertiesWriteThem() {
		assertThat(Urls.format(Duration.ofSeconds(5))).isEqualTo("5s");
		assertThat(Urls.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
	}

	@Test
	void ownServerHostIsTheBoundAddressOrLoopback() {
		assertThat(Urls.ownServerHost(null)).isEqualTo("127.0.0.1");
		assertThat(Urls.ownServerHost(" ")).isEqualTo("127.0.0.1");
		assertThat(Urls.ownServerHost("0.0.0.0")).isEqualTo("127.0.0.1");
		assertThat(Urls.ownServerHost("::")).isEqualTo("[::1]");
		assertThat(Urls.ownServerHost("127.0.0.2")).isEqualTo("127.0.0.2");
		assertThat(Urls.ownServerHost("10.1.2.3")).isEqualTo("10.1.2.3");
		assertThat(Urls.ownServerHost("fd00::5")).isEqualTo("[fd00::5]");
		assertThat(Urls.ownServerHost("[fd00::5]")).isEqualTo("[fd00::5]");
		assertThat(Urls.ownServerHost("app.internal")).isEqualTo("app.internal");
	}

}
