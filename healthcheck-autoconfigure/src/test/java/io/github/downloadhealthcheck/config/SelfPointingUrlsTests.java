package io.github.downloadhealthcheck.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.downloadhealthcheck.sendfile.SendfileSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SelfPointingUrls}.
 */
class SelfPointingUrlsTests {

	@ParameterizedTest(name = "{0} with server.address={1} on port 8080")
	@CsvSource(nullValues = "none",
			value = { "http://127.0.0.1:8080/x, none", "http://localhost:8080/x, none", "http://[::1]:8080/x, none",
					"http://127.0.0.2:8080/x, 127.0.0.1", "http://0.0.0.0:8080/x, 0.0.0.0",
					"http://10.1.2.3:8080/x, 10.1.2.3", "http://user:s3cret@localhost:8080/x, none" })
	void proxyUrlOnTheApplicationsOwnPortIsRefused(String url, String serverAddress) {
		int port = 8080;
		SelfPointingUrls urls = new SelfPointingUrls(settings(url), serverAddress);
		assertThatExceptionOfType(InvalidDownloadPropertyException.class).isThrownBy(() -> urls.check(port))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("download.healthcheck.proxy.url");
				assertThat(ex.getValue()).doesNotContain("s3cret");
				assertThat(ex.getProblem()).contains("own server port " + port);
				assertThat(ex.getFix()).contains("reverse proxy's address").contains("server.port " + port);
			});
	}

	@ParameterizedTest(name = "{0} with server.address={1} on port 8080")
	@CsvSource(nullValues = "none", value = { "http://127.0.0.1:8081/x, none", "http://proxy.example:8080/x, none",
			"http://127.0.0.1:8080/x, 10.1.2.3", "https://127.0.0.1/x, none" })
	void proxyUrlElsewhereIsAccepted(String url, String serverAddress) {
		SelfPointingUrls urls = new SelfPointingUrls(settings(url), serverAddress);
		assertThatNoException().isThrownBy(() -> urls.check(8080));
	}

	@ParameterizedTest
	@CsvSource({ "0", "-1" })
	void unknownPortChecksNothingYet(int port) {
		SelfPointingUrls urls = new SelfPointingUrls(settings("http://127.0.0.1:8080/x"), null);
		assertThatNoException().isThrownBy(() -> urls.check(port));
	}

	@Test
	void endToEndUrlIsCheckedToo() {
		DownloadHealthProperties properties = new DownloadHealthProperties();
		properties.getEndToEnd().setUrl("http://localhost:9090/healthcheck-utils/download/");
		SelfPointingUrls urls = new SelfPointingUrls(
				DownloadHealthSettings.from(properties, SendfileSettings.of(List.of())), null);
		assertThatExceptionOfType(InvalidDownloadPropertyException.class).isThrownBy(() -> urls.check(9090))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("download.healthcheck.end-to-end.url"));
	}

	private static DownloadHealthSettings settings(String proxyUrl) {
		DownloadHealthProperties properties = new DownloadHealthProperties();
		properties.getProxy().setUrl(proxyUrl);
		return DownloadHealthSettings.from(properties, SendfileSettings.of(List.of()));
	}

}
