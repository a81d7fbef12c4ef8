package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.downloadhealthcheck.config.Urls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad configuration stops start-up with Spring Boot's failure analysis
 * naming the property, the bad value and the fix: the auto-configuration runs with the
 * bad property and the registered analyzer explains the start-up failure.
 */
class InvalidDownloadPropertyFailureAnalysisTests {

	@TempDir
	static Path storage;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = {
			"download.healthcheck.proxy.url       | http://exa mple/x        | download.healthcheck.proxy.url       | malformed URL               | absolute http(s) URL",
			"download.healthcheck.end-to-end.url  | /healthcheck-utils/x     | download.healthcheck.end-to-end.url  | not an absolute URL         | absolute http(s) URL",
			"download.healthcheck.backend.url     | ftp://host/x             | download.healthcheck.backend.url     | is not http(s)              | absolute http(s) URL",
			"download.healthcheck.timeout         | 0s                       | download.healthcheck.timeout         | must be positive            | 10s",
			"download.healthcheck.timeout         | -1s                      | download.healthcheck.timeout         | must be positive            | 10s",
			"download.healthcheck.interval        | 0s                       | download.healthcheck.interval        | must be positive            | 10s",
			"download.healthcheck.timeout         | 11s                      | download.healthcheck.timeout         | longer than download.healthcheck.interval | at most the interval",
			"download.healthcheck.proxy.timeout   | 1m                       | download.healthcheck.proxy.timeout   | longer than download.healthcheck.interval | at most the interval",
			"download.healthcheck.max-body-size   | 0B                       | download.healthcheck.max-body-size   | must be positive            | 1MB",
			"download.sendfile.rules[1].source    | @STORAGE@                | download.sendfile.rules[1].source    | same source as download.sendfile.rules[0] | Remove the duplicate",
			"download.sendfile.rules[1].source    | @STORAGE@/inner          | download.sendfile.rules[1].source    | can never match             | more specific rule first",
			"download.healthcheck.storage.root    | @FILE@                   | download.healthcheck.storage.root    | a file, not a folder        | not to a file",
			"download.healthcheck.storage.root    | relative/folder          | download.healthcheck.storage.root    | relative path               | absolute path",
			"download.healthcheck.dummy.path      | ../escape.bin            | download.healthcheck.dummy.path      | ..                          | plain relative path",
			"download.sendfile.rules[0].destination | internal-storage       | download.sendfile.rules[0].destination | must start with '/'       | /internal-storage",
			"download.healthcheck.proxy.url       | http://127.0.0.1:9471/x  | download.healthcheck.proxy.url       | own server port 9471        | not to the application's server.port 9471",
			"download.healthcheck.end-to-end.url  | http://localhost:9471/v/ | download.healthcheck.end-to-end.url  | own server port 9471        | reverse proxy's address" })
	void badValueStopsStartUpWithAnAnalysis(String property, String value, String named, String problem, String fix)
			throws Exception {
		Path file = storage.resolve("a-file");
		if (!Files.exists(file)) {
			Files.writeString(file, "x");
		}
		String resolved = value.replace("@STORAGE@", storage.toString()).replace("@FILE@", file.toString());
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendfileAutoConfiguration.class,
					DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class))
			.withPropertyValues("download.sendfile.rules[0].source=" + storage,
					"download.sendfile.rules[0].destination=/internal-storage", "server.port=9471",
					property + "=" + resolved)
			// A second rule needs its destination; the bad value is its source.
			.withPropertyValues(property.startsWith("download.sendfile.rules[1]")
					? "download.sendfile.rules[1].destination=/b" : "server.port=9471")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalysisAssert.assertFailed(context, named, problem, fix);
				// Durations are bound before they are judged: shown the way properties
				// write them.
				String shown = resolved.matches("-?\\d+[smh]") ? Urls.format(DurationStyle.detectAndParse(resolved))
						: resolved;
				assertThat(analysis.getDescription()).contains("'" + shown + "'");
			});
	}

}
