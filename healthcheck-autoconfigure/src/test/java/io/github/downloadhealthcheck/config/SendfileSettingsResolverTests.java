package io.github.downloadhealthcheck.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import io.github.downloadhealthcheck.sendfile.ObjectHandOffMode;
import io.github.downloadhealthcheck.sendfile.RedirectSettings;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SendfileSettingsResolver}.
 */
class SendfileSettingsResolverTests {

	@TempDir
	Path temp;

	@Test
	void noRulesGiveNoRules() {
		assertThat(rules(new SendfileProperties())).isEmpty();
	}

	@Test
	void rulesKeepTheirOrderAndNormalizeTheirSource() throws IOException {
		Path reports = Files.createDirectories(this.temp.resolve("files/reports"));
		Path files = this.temp.resolve("files");
		List<SendfileRule> rules = rules(
				properties(rule(reports + "/./", "/reports"), rule(files.toString(), "/files/")));
		assertThat(rules).containsExactly(new SendfileRule(reports, "/reports", SendfileServer.NGINX),
				new SendfileRule(files, "/files/", SendfileServer.NGINX));
	}

	@Test
	void sourceNeedNotExistYet() {
		Path later = this.temp.resolve("mounted-later");
		assertThat(rules(properties(rule(later.toString(), "/internal")))).extracting(SendfileRule::source)
			.containsExactly(later);
	}

	@Test
	void siblingWithTheSamePrefixIsNotNested() {
		List<SendfileRule> rules = rules(properties(rule(this.temp.resolve("a").toString(), "/a"),
				rule(this.temp.resolve("ab").toString(), "/ab")));
		assertThat(rules).hasSize(2);
	}

	@Test
	void duplicateSourceIsRefused() {
		String source = this.temp.resolve("files").toString();
		assertInvalid(properties(rule(source, "/one"), rule(source + "/", "/two")), "download.sendfile.rules[1].source",
				"same source as download.sendfile.rules[0]", "Remove the duplicate");
	}

	@Test
	void sourceInsideAnEarlierOneIsRefused() {
		String outer = this.temp.resolve("files").toString();
		String inner = this.temp.resolve("files/reports").toString();
		assertInvalid(properties(rule(outer, "/files"), rule(inner, "/reports")), "download.sendfile.rules[1].source",
				"inside the source of download.sendfile.rules[0]", "list the more specific rule first");
	}

	@Test
	void sourceNestedThroughDotDotIsRefused() {
		String outer = this.temp.resolve("files").toString();
		String inner = this.temp.resolve("other/../files/reports").toString();
		assertInvalid(properties(rule(outer, "/files"), rule(inner, "/reports")), "download.sendfile.rules[1].source",
				"inside the source", "more specific rule first");
	}

	@Test
	void relativeSourceIsRefused() {
		assertInvalid(properties(rule("files", "/internal")), "download.sendfile.rules[0].source", "relative path",
				"absolute path");
	}

	@Test
	void missingSourceIsRefused() {
		assertInvalid(properties(rule(null, null)), "download.sendfile.rules[0].source", "no folder given",
				"absolute path of a storage folder");
	}

	@Test
	void ruleWithOnlyADestinationSaysTheListWasReplaced() {
		// What is left of rules[0] after --download.sendfile.rules[0].destination=... on
		// the
		// command line replaced the list from application.properties.
		assertInvalid(properties(rule(null, "/internal")), "download.sendfile.rules[0].source",
				"download.sendfile.rules[0] was replaced: it has a destination but no source",
				"Give every part of every rule (source, destination, server) in the same place");
	}

	@Test
	void sourceThatIsAFileIsRefused() throws IOException {
		String file = Files.writeString(this.temp.resolve("file.txt"), "x").toString();
		assertInvalid(properties(rule(file, "/internal")), "download.sendfile.rules[0].source", "a file, not a folder",
				"not to a file");
	}

	@Test
	void destinationWithoutLeadingSlashIsRefused() {
		assertInvalid(properties(rule(this.temp.toString(), "internal")), "download.sendfile.rules[0].destination",
				"must start with '/' for nginx", "/internal-storage");
	}

	@Test
	void ruleWithOnlyASourceSaysTheListWasReplaced() {
		assertInvalid(properties(rule(this.temp.toString(), " ")), "download.sendfile.rules[0].destination",
				"download.sendfile.rules[0] was replaced: it has a source but no destination", "in the same place");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/internal?x=1", "/internal#top", "/internal/../private" })
	void destinationThatIsNotAPlainPathIsRefused(String destination) {
		assertInvalid(properties(rule(this.temp.toString(), destination)), "download.sendfile.rules[0].destination",
				"contains '?', '#' or '..'", "plain path");
	}

	@Test
	void secondRuleIsNamedByItsIndex() {
		assertInvalid(
				properties(rule(this.temp.resolve("a").toString(), "/a"), rule(this.temp.resolve("b").toString(), "b")),
				"download.sendfile.rules[1].destination", "must start with '/'", "/internal-storage");
	}

	@Test
	void headerModeIsTheDefault() {
		SendfileSettings settings = SendfileSettingsResolver.resolve(properties());
		assertThat(settings.objectMode()).isEqualTo(ObjectHandOffMode.HEADER);
		assertThat(settings.objectRedirect()).isNull();
	}

	@Test
	void redirectModeResolvesStatusAndLifetime() {
		SendfileProperties properties = properties();
		properties.getObjectStorage().setMode(ObjectHandOffMode.REDIRECT);
		properties.getObjectStorage().getRedirect().setStatus(307);
		properties.getObjectStorage().getRedirect().setLifetime(Duration.ofMinutes(2));
		RedirectSettings redirect = SendfileSettingsResolver.resolve(properties).objectRedirect();
		assertThat(redirect).isEqualTo(new RedirectSettings(HttpStatus.TEMPORARY_REDIRECT, Duration.ofMinutes(2)));
	}

	@Test
	void redirectStatusOtherThan302303Or307IsRefused() {
		SendfileProperties properties = properties();
		properties.getObjectStorage().setMode(ObjectHandOffMode.REDIRECT);
		properties.getObjectStorage().getRedirect().setStatus(301);
		assertInvalid(properties, "download.sendfile.object-storage.redirect.status", "not a redirect",
				"302 (the default), 303 or 307");
	}

	@Test
	void redirectLifetimeBelowOneSecondIsRefused() {
		SendfileProperties properties = properties();
		properties.getObjectStorage().setMode(ObjectHandOffMode.REDIRECT);
		properties.getObjectStorage().getRedirect().setLifetime(Duration.ofMillis(500));
		assertInvalid(properties, "download.sendfile.object-storage.redirect.lifetime", "at least 1s", "such as 5m");
	}

	private static void assertInvalid(SendfileProperties properties, String property, String problem, String fix) {
		InvalidDownloadPropertyException ex = assertThatExceptionOfType(InvalidDownloadPropertyException.class)
			.isThrownBy(() -> rules(properties))
			.actual();
		assertThat(ex.getProperty()).isEqualTo(property);
		assertThat(ex.getMessage()).contains("'" + property + "'").contains(problem).contains(fix);
		assertThat(ex.getMessage()).contains(ex.getFix());
	}

	private static List<SendfileRule> rules(SendfileProperties properties) {
		return SendfileSettingsResolver.resolve(properties).rules();
	}

	private static SendfileProperties properties(SendfileProperties.Rule... rules) {
		SendfileProperties properties = new SendfileProperties();
		properties.setRules(new ArrayList<>(List.of(rules)));
		return properties;
	}

	private static SendfileProperties.Rule rule(String source, String destination) {
		SendfileProperties.Rule rule = new SendfileProperties.Rule();
		rule.setSource(source);
		rule.setDestination(destination);
		return rule;
	}

}
