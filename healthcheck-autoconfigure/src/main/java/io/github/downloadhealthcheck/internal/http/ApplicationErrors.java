package io.github.downloadhealthcheck.internal.http;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParseException;
import org.springframework.boot.json.JsonParserFactory;

/**
 * Reads the application's own error answer, Spring Boot's error attributes as JSON: its
 * {@code path} says which request reached the application, a typed value the diagnosis
 * decides on.
 */
final class ApplicationErrors {

	private ApplicationErrors() {
	}

	/**
	 * The path of the request the application answered with an error.
	 * @param seen the answer, whose body is the application's JSON error
	 * @return the path, or {@code null} when the preview holds no complete JSON object
	 * with one
	 */
	static @Nullable String path(HttpObservation seen) {
		String preview = seen.preview();
		if (preview == null || !preview.strip().startsWith("{")) {
			return null;
		}
		try {
			Map<String, Object> error = JsonParserFactory.getJsonParser().parseMap(preview);
			return (error.get("path") instanceof String path) ? path : null;
		}
		catch (JsonParseException ex) {
			// A preview cut short: no path to decide on.
			return null;
		}
	}

}
