package io.github.downloadhealthcheck.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cause table of {@code docs/troubleshooting.md} is the one cause set: every id of
 * {@link Cause} is a row there, and every row is a cause.
 */
class CauseReferenceTests {

	private static final Path PAGE = Path.of("..", "docs", "troubleshooting.md");

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ", Pattern.MULTILINE);

	@Test
	void everyCauseIsDocumentedAndEveryDocumentedCauseExists() throws IOException {
		String page = Files.readString(PAGE);
		String table = page.substring(page.indexOf("## Causes"), page.indexOf("Finding (not a cause"));
		Set<String> documented = new LinkedHashSet<>();
		Matcher row = ROW.matcher(table);
		while (row.find()) {
			documented.add(row.group(1));
		}
		assertThat(documented)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Cause.values()).map(Cause::id).toList());
	}

	@Test
	void causeIdsAreUnique() {
		assertThat(Arrays.stream(Cause.values()).map(Cause::id)).doesNotHaveDuplicates();
	}

}
