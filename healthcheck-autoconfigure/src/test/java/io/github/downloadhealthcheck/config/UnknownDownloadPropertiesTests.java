package io.github.downloadhealthcheck.config;

import java.util.Map;

import io.github.downloadhealthcheck.autoconfigure.UnknownDownloadPropertiesAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownDownloadProperties}: a {@code download.*} key that binds to
 * nothing is reported at start-up with the nearest valid key, once per key; valid keys in
 * any relaxed form are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownDownloadPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UnknownDownloadPropertiesAutoConfiguration.class));

	@Test
	void typoIsReportedWithTheNearestKey(CapturedOutput output) {
		this.runner.withPropertyValues("download.healthcheck.storage.rooot=/srv/storage").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("WARN")
				.contains(UnknownDownloadProperties.message("download.healthcheck.storage.rooot",
						"download.healthcheck.storage.root"));
		});
	}

	@Test
	void typoInsideAListElementIsReportedWithTheElementKey(CapturedOutput output) {
		this.runner
			.withPropertyValues("download.sendfile.rules[0].source=/srv/storage",
					"download.sendfile.rules[0].destinaton=/internal-storage")
			.run((context) -> assertThat(output)
				.contains(UnknownDownloadProperties.message("download.sendfile.rules[0].destinaton",
						"download.sendfile.rules[0].destination"))
				.doesNotContain("'download.sendfile.rules[0].source'"));
	}

	@Test
	void eachUnknownKeyIsOneLine(CapturedOutput output) {
		this.runner.withPropertyValues("download.healthcheck.storage.rooot=/a", "download.healthcheck.intervall=5s")
			.run((context) -> {
				assertThat(output.toString().lines().filter((line) -> line.contains("binds to nothing"))).hasSize(2);
				assertThat(output).contains("'download.healthcheck.intervall'", "'download.healthcheck.interval'");
			});
	}

	@Test
	void validKeysInEveryRelaxedFormAreNotReported(CapturedOutput output) {
		this.runner.withPropertyValues("download.healthcheck.storage.root=/srv/storage",
				"download.healthcheck.interval=30s", "download.healthcheck.storage.s3.accessKeyId=id",
				"download.healthcheck.proxy.check-exposure=false", "download.sendfile.rules[0].source=/srv/storage",
				"download.sendfile.rules[0].destination=/internal-storage", "download.sendfile.rules[1].server=caddy",
				"download.sendfile.object-storage.redirect.lifetime=5m", "other.namespace.rooot=ignored")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("DOWNLOAD_HEALTHCHECK_STORAGE_ROOT", "/srv/storage", "DOWNLOAD_SENDFILE_RULES_0_SOURCE",
								"/srv/storage", "DOWNLOAD_HEALTHCHECK_STORAGE_S3_SECRETACCESSKEY", "secret"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("binds to nothing");
			});
	}

}
