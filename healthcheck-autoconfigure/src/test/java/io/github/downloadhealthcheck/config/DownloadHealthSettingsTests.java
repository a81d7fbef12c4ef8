package io.github.downloadhealthcheck.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DownloadHealthSettings}: every bad value of
 * {@code download.healthcheck.*} is refused naming the property and the fix.
 */
class DownloadHealthSettingsTests {

	@TempDir
	Path temp;

	@Test
	void defaultsAreValid() {
		DownloadHealthSettings settings = DownloadHealthSettings.from(new DownloadHealthProperties(),
				SendfileSettings.of(List.of()));
		assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.longestTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.dummy().path()).isEqualTo(".download-healthcheck/dummy.bin");
		assertThat(settings.dummy().size()).isEqualTo(16 * 1024);
		assertThat(settings.maxBodyBytes()).isEqualTo(1024 * 1024);
		assertThat(settings.view().path()).isEqualTo("/healthcheck-utils/download/");
		assertThat(settings.storage().root()).isNull();
		assertThat(settings.backend().url()).isNull();
		assertThat(settings.proxy().url()).isNull();
		assertThat(settings.endToEnd().url()).isNull();
		assertThat(List.of(settings.storage().timeout(), settings.backend().timeout(), settings.proxy().timeout(),
				settings.endToEnd().timeout()))
			.containsOnly(Duration.ofSeconds(3));
	}

	@Test
	void staleAfterDefaultsToTwiceTheIntervalPlusTheLongestTimeout() {
		DownloadHealthSettings settings = settings((properties) -> {
			properties.setInterval(Duration.ofSeconds(10));
			properties.setTimeout(Duration.ofSeconds(3));
			properties.getProxy().setTimeout(Duration.ofSeconds(5));
		});
		assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(25));
		assertThat(settings.longestTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.proxy().timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.storage().timeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void staleAfterJustLongerThanOneIntervalItsJitterAndTheLongestTimeoutIsAccepted() {
		DownloadHealthSettings settings = settings((properties) -> properties.setStaleAfter(Duration.ofSeconds(16)));
		assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(16));
		DownloadHealthSettings noJitter = settings((properties) -> {
			properties.setJitter(0);
			properties.setStaleAfter(Duration.ofSeconds(14));
		});
		assertThat(noJitter.staleAfter()).isEqualTo(Duration.ofSeconds(14));
	}

	@Test
	void jitterIsOnByDefault() {
		assertThat(settings((properties) -> {
		}).jitter()).isEqualTo(0.2);
	}

	@Test
	void jitterOutsideZeroToAHalfIsRefused() {
		assertInvalid((properties) -> properties.setJitter(0.6), "download.healthcheck.jitter", "not between 0 and 0.5",
				"between 0 (no jitter) and 0.5");
		assertInvalid((properties) -> properties.setJitter(-0.1), "download.healthcheck.jitter",
				"not between 0 and 0.5", "between 0 (no jitter) and 0.5");
	}

	@Test
	void storageRootDefaultsToTheFirstRuleSource() throws IOException {
		Path first = Files.createDirectories(this.temp.resolve("first"));
		Path second = Files.createDirectories(this.temp.resolve("second"));
		DownloadHealthSettings settings = DownloadHealthSettings.from(new DownloadHealthProperties(),
				SendfileSettings.of(List.of(new SendfileRule(first, "/first", SendfileServer.NGINX),
						new SendfileRule(second, "/second", SendfileServer.NGINX))));
		assertThat(settings.storage().root()).isEqualTo(first);
	}

	@Test
	void explicitStorageRootWinsOverTheRules() throws IOException {
		Path rule = Files.createDirectories(this.temp.resolve("rule"));
		Path root = Files.createDirectories(this.temp.resolve("root"));
		DownloadHealthProperties properties = new DownloadHealthProperties();
		properties.getStorage().setRoot(root + "/./");
		DownloadHealthSettings settings = DownloadHealthSettings.from(properties,
				SendfileSettings.of(List.of(new SendfileRule(rule, "/rule", SendfileServer.NGINX))));
		assertThat(settings.storage().root()).isEqualTo(root);
	}

	@Test
	void urlsAreParsedAndBlankMeansUnset() {
		DownloadHealthSettings settings = settings((properties) -> {
			properties.getProxy().setUrl(" https://proxy.example/storage/dummy.bin ");
			properties.getEndToEnd().setUrl("HTTP://proxy.example/healthcheck-utils/download/");
			properties.getBackend().setUrl("  ");
		});
		assertThat(settings.proxy().url()).isEqualTo(URI.create("https://proxy.example/storage/dummy.bin"));
		assertThat(settings.endToEnd().url()).isEqualTo(URI.create("HTTP://proxy.example/healthcheck-utils/download/"));
		assertThat(settings.backend().url()).isNull();
	}

	@Test
	void malformedUrlIsRefused() {
		assertInvalid((properties) -> properties.getProxy().setUrl("http://exa mple/x"),
				"download.healthcheck.proxy.url", "malformed URL", "absolute http(s) URL");
	}

	@Test
	void relativeUrlIsRefused() {
		assertInvalid((properties) -> properties.getEndToEnd().setUrl("/x"), "download.healthcheck.end-to-end.url",
				"not an absolute URL", "absolute http(s) URL");
	}

	@Test
	void ftpUrlIsRefused() {
		assertInvalid((properties) -> properties.getBackend().setUrl("ftp://files.example/x"),
				"download.healthcheck.backend.url", "scheme 'ftp'", "absolute http(s) URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://user:secret@exa mple/x", "ftp://user:secret@files.example/x",
			"http://user:secret@/x", "mailto://user:secret@" })
	void passwordOfAnInvalidUrlIsNeverShown(String url) {
		InvalidDownloadPropertyException ex = invalid((properties) -> properties.getProxy().setUrl(url));
		assertThat(ex.getProperty()).isEqualTo("download.healthcheck.proxy.url");
		assertThat(ex.getMessage()).doesNotContain("secret").contains("user:******@");
		assertThat(ex.getValue()).doesNotContain("secret");
	}

	@Test
	void passwordWithAnUnencodedAtSignIsNeverShown() {
		InvalidDownloadPropertyException ex = invalid(
				(properties) -> properties.getProxy().setUrl("http://user:p@ssw0rd@proxy.example/x"));
		assertThat(ex.getMessage()).doesNotContain("p@ssw0rd").doesNotContain("ssw0rd");
	}

	@Test
	void zeroIntervalIsRefused() {
		assertInvalid((properties) -> properties.setInterval(Duration.ZERO), "download.healthcheck.interval",
				"must be positive", "10s");
	}

	@Test
	void negativeTimeoutIsRefused() {
		assertInvalid((properties) -> properties.setTimeout(Duration.ofSeconds(-1)), "download.healthcheck.timeout",
				"must be positive", "10s");
	}

	@Test
	void zeroLayerTimeoutIsRefused() {
		assertInvalid((properties) -> properties.getStorage().setTimeout(Duration.ZERO),
				"download.healthcheck.storage.timeout", "must be positive", "10s");
	}

	@Test
	void timeoutLongerThanTheIntervalIsRefused() {
		assertInvalid((properties) -> {
			properties.setInterval(Duration.ofSeconds(5));
			properties.setTimeout(Duration.ofSeconds(6));
		}, "download.healthcheck.timeout", "longer than download.healthcheck.interval", "at most the interval");
	}

	@Test
	void layerTimeoutLongerThanTheIntervalIsRefused() {
		assertInvalid((properties) -> properties.getEndToEnd().setTimeout(Duration.ofSeconds(11)),
				"download.healthcheck.end-to-end.timeout", "longer than download.healthcheck.interval",
				"at most the interval");
	}

	@Test
	void staleAfterNotLongerThanOneIntervalItsJitterAndTheLongestTimeoutIsRefused() {
		assertInvalid((properties) -> properties.setStaleAfter(Duration.ofSeconds(15)),
				"download.healthcheck.stale-after", "would be reported stale", "above 15s");
	}

	@Test
	void zeroMaxBodySizeIsRefused() {
		assertInvalid((properties) -> properties.setMaxBodySize(DataSize.ofBytes(0)),
				"download.healthcheck.max-body-size", "must be positive", "1MB");
	}

	@Test
	void zeroDummySizeIsRefused() {
		assertInvalid((properties) -> properties.getDummy().setSize(DataSize.ofBytes(0)),
				"download.healthcheck.dummy.size", "must be positive", "16KB");
	}

	@Test
	void dummyLargerThanTheMaxBodySizeIsRefused() {
		assertInvalid((properties) -> {
			properties.setMaxBodySize(DataSize.ofMegabytes(1));
			properties.getDummy().setSize(DataSize.ofMegabytes(2));
		}, "download.healthcheck.dummy.size", "larger than download.healthcheck.max-body-size", "max-body-size larger");
	}

	@Test
	void dummyAsLargeAsTheMaxBodySizeIsAccepted() {
		DownloadHealthSettings settings = settings((properties) -> {
			properties.setMaxBodySize(DataSize.ofKilobytes(64));
			properties.getDummy().setSize(DataSize.ofKilobytes(64));
		});
		assertThat(settings.dummy().size()).isEqualTo(64 * 1024);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "/etc/passwd", "a/../../x", "a//b", "" })
	void dummyPathThatCouldLeaveTheStorageIsRefused(String path) {
		InvalidDownloadPropertyException ex = invalid((properties) -> properties.getDummy().setPath(path));
		assertThat(ex.getProperty()).isEqualTo("download.healthcheck.dummy.path");
		assertThat(ex.getMessage()).contains(".download-healthcheck/dummy.bin");
	}

	@ParameterizedTest
	@ValueSource(strings = { "healthcheck", "", "/files/{name}", "/files/**" })
	void viewPathThatIsNotAPlainAbsolutePathIsRefused(String path) {
		InvalidDownloadPropertyException ex = invalid((properties) -> properties.getView().setPath(path));
		assertThat(ex.getProperty()).isEqualTo("download.healthcheck.view.path");
		assertThat(ex.getMessage()).contains("starting with '/'").contains("/healthcheck-utils/download/");
	}

	@Test
	void missingStorageRootIsAcceptedLikeAMissingRuleSource() {
		// A volume mounted after start-up: the storage check reports it, start-up goes
		// on.
		Path missing = this.temp.resolve("missing");
		DownloadHealthSettings settings = settings((properties) -> properties.getStorage().setRoot(missing.toString()));
		assertThat(settings.storage().root()).isEqualTo(missing);
	}

	@Test
	void storageRootThatIsAFileIsRefused() throws IOException {
		String file = Files.writeString(this.temp.resolve("file.txt"), "x").toString();
		assertInvalid((properties) -> properties.getStorage().setRoot(file), "download.healthcheck.storage.root",
				"a file, not a folder", "not to a file");
	}

	@Test
	void relativeStorageRootIsRefused() {
		assertInvalid((properties) -> properties.getStorage().setRoot("files"), "download.healthcheck.storage.root",
				"relative path", "absolute path");
	}

	private void assertInvalid(Consumer<DownloadHealthProperties> customizer, String property, String problem,
			String fix) {
		InvalidDownloadPropertyException ex = invalid(customizer);
		assertThat(ex.getProperty()).isEqualTo(property);
		assertThat(ex.getMessage()).contains("'" + property + "'").contains(problem).contains(fix);
		assertThat(ex.getFix()).isNotBlank();
		assertThat(ex.getMessage()).contains(ex.getFix());
	}

	private static InvalidDownloadPropertyException invalid(Consumer<DownloadHealthProperties> customizer) {
		DownloadHealthProperties properties = new DownloadHealthProperties();
		customizer.accept(properties);
		return assertThatExceptionOfType(InvalidDownloadPropertyException.class)
			.isThrownBy(() -> DownloadHealthSettings.from(properties, SendfileSettings.of(List.of())))
			.actual();
	}

	private static DownloadHealthSettings settings(Consumer<DownloadHealthProperties> customizer) {
		DownloadHealthProperties properties = new DownloadHealthProperties();
		customizer.accept(properties);
		return DownloadHealthSettings.from(properties, SendfileSettings.of(List.of()));
	}

}
