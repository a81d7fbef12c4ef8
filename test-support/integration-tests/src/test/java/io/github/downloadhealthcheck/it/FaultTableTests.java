package io.github.downloadhealthcheck.it;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.Finding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault table of {@code docs/troubleshooting.md} and the fault matrix suite list the
 * same faults: one row per test, one test per row.
 */
class FaultTableTests {

	private static final String SECTION = "## Faults: what you see, what it means, what to change";

	private static final Pattern ROW = Pattern.compile("^\\| [^|]+ \\| `(\\w+)` \\|");

	@Test
	void everyCauseIsDocumented() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("../..", "docs", "troubleshooting.md"));
		int start = lines.indexOf("## Causes");
		assertThat(start).as("section '## Causes'").isNotNegative();
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).startsWith("## ")) {
			end++;
		}
		List<String> documented = lines.subList(start, end)
			.stream()
			.map(Pattern.compile("^\\| `([a-z-]+)` \\|")::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.toList();
		List<String> ids = Arrays.stream(Cause.values()).map(Cause::id).toList();
		List<String> findings = Arrays.stream(Finding.values()).map(Finding::id).toList();
		assertThat(documented).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(
					java.util.stream.Stream.concat(ids.stream(), findings.stream()).toList());
	}

	@Test
	void everyFaultOfTheSuiteHasOneRowAndEveryRowATest() throws IOException {
		Path troubleshooting = Path.of("../..", "docs", "troubleshooting.md");
		assertThat(troubleshooting).as("run from the integration-tests module").exists();
		List<String> lines = Files.readAllLines(troubleshooting);
		int start = lines.indexOf(SECTION);
		assertThat(start).as("section '%s' of %s", SECTION, troubleshooting).isNotNegative();
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).startsWith("## ")) {
			end++;
		}
		List<String> rows = lines.subList(start, end)
			.stream()
			.map(ROW::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.toList();
		List<String> tests = Arrays.stream(NginxFaultMatrixIntegrationTests.class.getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(Test.class))
			.map(Method::getName)
			.toList();
		assertThat(tests).hasSizeGreaterThanOrEqualTo(23);
		assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tests);
	}

}
