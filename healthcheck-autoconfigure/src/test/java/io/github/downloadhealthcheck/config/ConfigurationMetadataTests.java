package io.github.downloadhealthcheck.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;

import io.github.downloadhealthcheck.sendfile.RedirectSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata the build generates: what the docs promise the IDE
 * completes is there, with the defaults the code really uses.
 */
class ConfigurationMetadataTests {

	@Test
	void ruleElementsAreDescribed() throws IOException {
		assertThat(property("download.sendfile.rules[0].source")).containsKey("description");
		assertThat(property("download.sendfile.rules[0].destination")).containsKey("description");
		assertThat(property("download.sendfile.rules[0].server")).containsEntry("type",
				"io.github.downloadhealthcheck.sendfile.SendfileServer");
	}

	@Test
	void redirectDefaultsAreTheCodesDefaults() throws IOException {
		assertThat(property("download.sendfile.object-storage.redirect.status").get("defaultValue"))
			.hasToString(Integer.toString(RedirectSettings.DEFAULT_STATUS.value()));
		assertThat(RedirectSettings.DEFAULT_LIFETIME).hasMinutes(5);
		assertThat(property("download.sendfile.object-storage.redirect.lifetime")).containsEntry("defaultValue", "5m");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> property(String name) throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			List<?> properties = (List<?>) JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.get("properties");
			List<Map<String, Object>> matching = properties.stream()
				.map((property) -> (Map<String, Object>) property)
				.filter((property) -> Objects.equals(property.get("name"), name))
				.toList();
			assertThat(matching).as(name).hasSize(1);
			return matching.get(0);
		}
	}

}
