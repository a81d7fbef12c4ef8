package io.github.downloadhealthcheck.autoconfigure;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Turns the {@code download.sendfile.rules} properties into validated rules.
 */
final class SendfileRules {

	private SendfileRules() {
	}

	static List<SendfileRule> from(SendfileProperties properties) {
		List<SendfileRule> rules = new ArrayList<>();
		for (int i = 0; i < properties.getRules().size(); i++) {
			SendfileProperties.Rule rule = properties.getRules().get(i);
			String prefix = "download.sendfile.rules[" + i + "].";
			Path source = absoluteFolder(prefix + "source", rule.getSource());
			SendfileServer server = (rule.getServer() != null) ? rule.getServer() : properties.getServer();
			String destination = destination(prefix + "destination", rule.getDestination(), server);
			for (int j = 0; j < rules.size(); j++) {
				Path earlier = rules.get(j).source();
				if (source.startsWith(earlier)) {
					throw new InvalidDownloadPropertyException(prefix + "source", source,
							source.equals(earlier) ? "same source as download.sendfile.rules[" + j + "]"
									: "inside the source of download.sendfile.rules[" + j + "] (" + earlier
											+ "), which comes first, so this rule can never match",
							"Remove the duplicate, or list the more specific rule first.");
				}
			}
			rules.add(new SendfileRule(source, destination, server));
		}
		return rules;
	}

	static Path absoluteFolder(String property, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDownloadPropertyException(property, value, "no folder given",
					"Set " + property + " to the absolute path of a storage folder.");
		}
		Path path;
		try {
			path = Path.of(value);
		}
		catch (InvalidPathException ex) {
			throw new InvalidDownloadPropertyException(property, value, "not a valid path: " + ex.getReason(),
					"Set " + property + " to the absolute path of a storage folder.");
		}
		if (!path.isAbsolute()) {
			throw new InvalidDownloadPropertyException(property, value, "relative path",
					"Set " + property + " to an absolute path, e.g. " + path.toAbsolutePath()
							+ "; the proxy does not share the application's working directory.");
		}
		if (Files.exists(path) && !Files.isDirectory(path)) {
			throw new InvalidDownloadPropertyException(property, value, "a file, not a folder",
					"Set " + property + " to the folder holding the files, not to a file.");
		}
		return path.normalize();
	}

	private static String destination(String property, String value, SendfileServer server) {
		String what = server.destinationKind().description();
		if (value == null || value.isBlank()) {
			throw new InvalidDownloadPropertyException(property, value, "no destination given for " + server.id(),
					"Set " + property + " to " + what + ".");
		}
		return switch (server.destinationKind()) {
			case URI_PREFIX -> uriPrefix(property, value, server, what);
			case FOLDER -> absoluteFolder(property, value).toString();
		};
	}

	private static String uriPrefix(String property, String value, SendfileServer server, String what) {
		if (!value.startsWith("/")) {
			throw new InvalidDownloadPropertyException(property, value, "must start with '/' for " + server.id()
					+ ", which takes " + what.substring(0, what.indexOf(',')), "Set " + property + " to " + what + ".");
		}
		if (value.contains("?") || value.contains("#") || value.contains("..")) {
			throw new InvalidDownloadPropertyException(property, value, "contains '?', '#' or '..'",
					"Set " + property + " to a plain path such as /internal-storage.");
		}
		return value;
	}

}
