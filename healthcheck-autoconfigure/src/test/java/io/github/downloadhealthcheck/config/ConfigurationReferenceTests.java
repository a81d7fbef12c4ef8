package io.github.downloadhealthcheck.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference page names every property of the generated configuration
 * metadata, so a property added to the code and not to the page fails the build.
 */
class ConfigurationReferenceTests {

	private static final Path PAGE = Path.of("..", "docs", "configuration.md");

	@Test
	void everyPropertyOfTheMetadataIsOnTheReferencePage() throws IOException {
		assertThat(PAGE).as("run from the healthcheck-autoconfigure module").exists();
		String page = Files.readString(PAGE);
		List<String> properties;
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json",
				DownloadHealthProperties.class.getClassLoader())
			.getInputStream()) {
			properties = JsonPath.parse(metadata).read("$.properties[*].name");
		}
		assertThat(properties).as("properties in the metadata").hasSizeGreaterThan(30);
		// A list property such as download.sendfile.rules is documented by its elements,
		// which the metadata names after the first one (rules[0].source), the page as
		// rules[n].source.
		assertThat(properties).allSatisfy((property) -> assertThat(page).as(property)
			.containsPattern("`" + Pattern.quote(property.replace("[0]", "[n]")) + "(\\[n\\]\\.[a-z-]+)?`"));
	}

}
