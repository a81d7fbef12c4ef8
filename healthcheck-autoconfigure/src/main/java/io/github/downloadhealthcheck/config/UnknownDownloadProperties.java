package io.github.downloadhealthcheck.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Warns at start-up, one line per key, about every {@code download.*} property that binds
 * to nothing (a typo such as {@code download.healthcheck.storage.rooot} is otherwise
 * silently ignored and every layer still reads UP), naming the nearest valid key. Valid
 * keys are those of every {@code META-INF/spring-configuration-metadata.json} on the
 * class path, as Boot's properties migrator reads them; list and map elements count under
 * their property.
 * <p>
 * Keys are compared the way the binder compares them (relaxed binding: kebab case, camel
 * case, environment-variable style all name one key); values are never looked at, binding
 * them is the binder's job and it fails loudly on a wrong type.
 */
public final class UnknownDownloadProperties implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnknownDownloadProperties.class);

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern DOWNLOAD_KEY = Pattern.compile("\"name\"\\s*:\\s*\"download\\.");

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("download");

	private final ConfigurableEnvironment environment;

	private final ClassLoader classLoader;

	/**
	 * Creates the check for the properties of {@code environment}, against the metadata
	 * {@code classLoader} sees.
	 * @param environment the application's environment
	 * @param classLoader where the metadata files are looked up
	 */
	public UnknownDownloadProperties(ConfigurableEnvironment environment, ClassLoader classLoader) {
		this.environment = environment;
		this.classLoader = classLoader;
	}

	@Override
	public void afterSingletonsInstantiated() {
		unknownKeys().forEach((key, nearest) -> logger.warn(message(key, nearest)));
	}

	/**
	 * The {@code download.*} keys set in the environment that no property takes, each
	 * with the nearest valid key ({@code null} when the metadata holds none).
	 * @return the unknown keys, in order, with their nearest valid key
	 */
	Map<String, @Nullable String> unknownKeys() {
		Map<String, Known> known = knownKeys();
		Map<String, @Nullable String> unknown = new LinkedHashMap<>();
		TreeSet<String> keys = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter(PREFIX::isAncestorOf)
					.map(ConfigurationPropertyName::toString)
					.forEach(keys::add);
			}
		}
		for (String key : keys) {
			String form = comparable(key);
			boolean bound = known.containsKey(form) || known.values()
				.stream()
				.anyMatch((candidate) -> candidate.container()
						&& (form.startsWith(candidate.form() + ".") || form.startsWith(candidate.form() + "[")));
			if (!bound) {
				unknown.put(key, nearest(form, known));
			}
		}
		return unknown;
	}

	/** The one wording of the warning. */
	static String message(String key, @Nullable String nearest) {
		return "Property '" + key + "' binds to nothing and is ignored"
				+ ((nearest != null) ? "; did you mean '" + nearest + "'?" : ".");
	}

	private static @Nullable String nearest(String form, Map<String, Known> known) {
		Known best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Known candidate : known.values()) {
			int distance = distance(form, candidate.form());
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null) ? best.name() : null;
	}

	/**
	 * The key as the binder compares it: lower case, no dashes, any list index or map key
	 * as {@code [*]}, so {@code rules[3].Source} and {@code rules[0].source} are one key.
	 */
	private static String comparable(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replaceAll("\\[[^\\]]*\\]", "[*]");
	}

	private Map<String, Known> knownKeys() {
		Map<String, Known> known = new LinkedHashMap<>();
		try {
			Enumeration<URL> files = this.classLoader.getResources(METADATA);
			while (files.hasMoreElements()) {
				for (Map<?, ?> property : properties(files.nextElement())) {
					if (property.get("name") instanceof String name && PREFIX
						.isAncestorOf(ConfigurationPropertyName.adapt(name.replaceAll("\\[[^\\]]*\\]", "[0]"), '.'))) {
						String type = (property.get("type") instanceof String value) ? value : "";
						known.put(comparable(name), new Known(name, comparable(name), isContainer(type)));
					}
				}
			}
		}
		catch (IOException ex) {
			// Without metadata nothing can be judged: better no warning than a false one.
			logger.debug("Could not read " + METADATA + ", unknown properties are not reported", ex);
			return Map.of();
		}
		// A list whose elements the metadata spells out
		// (download.sendfile.rules[0].source)
		// takes those element keys only, so a typo inside an element is caught too.
		Map<String, Known> result = new LinkedHashMap<>();
		known.forEach(
				(form, key) -> result.put(form,
						new Known(key.name(), form, key.container() && known.keySet()
							.stream()
							.noneMatch((other) -> other.startsWith(form + "[") || other.startsWith(form + ".")))));
		return result;
	}

	private static List<Map<?, ?>> properties(URL file) throws IOException {
		try (InputStream in = file.openStream()) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			// Most metadata on the class path (Spring Boot's own, hundreds of KB) names
			// no
			// download.* key: only files that do are worth parsing at start-up. Boot's
			// basic parser suffices for them, and spares loading a JSON library's
			// deserialisation side that the application may never use.
			if (!DOWNLOAD_KEY.matcher(json).find()) {
				return List.of();
			}
			Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
			List<Map<?, ?>> result = new ArrayList<>();
			if (properties instanceof List<?> list) {
				list.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(result::add);
			}
			return result;
		}
	}

	/**
	 * Whether a property of that type takes keys below its own name: a map by any key, a
	 * list or array by index.
	 */
	private static boolean isContainer(String type) {
		return type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.startsWith("java.util.Set")
				|| type.startsWith("java.util.Collection") || type.endsWith("[]");
	}

	/** Levenshtein distance: the number of edits a typo is away from a key. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * A key of the metadata.
	 *
	 * @param name as the metadata spells it
	 * @param form as keys are compared
	 * @param container whether keys below it bind to it (map or list)
	 */
	private record Known(String name, String form, boolean container) {
	}

}
