package io.github.downloadhealthcheck.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import io.github.downloadhealthcheck.sendfile.FileNameEncoding;
import io.github.downloadhealthcheck.sendfile.NginxOptions;
import io.github.downloadhealthcheck.sendfile.ObjectHandOffMode;
import io.github.downloadhealthcheck.sendfile.RedirectSettings;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;

/**
 * Validates and resolves the {@code download.sendfile.*} properties.
 */
public final class SendfileSettingsResolver {

	private static final String PREFIX = "download.sendfile.";

	private SendfileSettingsResolver() {
	}

	/**
	 * Validates and resolves the properties.
	 * @param properties the properties as bound
	 * @return the settings
	 * @throws InvalidDownloadPropertyException naming the first invalid property
	 */
	public static SendfileSettings resolve(SendfileProperties properties) {
		SendfileProperties.Nginx nginx = properties.getNginx();
		NginxOptions options = new NginxOptions(nginx.getBuffering(),
				(nginx.getLimitRate() != null) ? nginx.getLimitRate().toBytes() : null, nginx.getExpires(),
				nginx.getCharset());
		String objectDestination = properties.getObjectStorage().getDestination();
		if (!objectDestination.startsWith("/") || objectDestination.contains("?") || objectDestination.contains("#")) {
			throw new InvalidDownloadPropertyException(PREFIX + "object-storage.destination", objectDestination,
					"not a plain URI path", "Set it to the internal location's path, e.g. /internal-object-storage.");
		}
		return new SendfileSettings(properties.isEnabled(), properties.getServer(), rules(properties), options,
				objectDestination, redirect(properties.getObjectStorage()));
	}

	private static @Nullable RedirectSettings redirect(SendfileProperties.ObjectStorage objects) {
		if (objects.getMode() != ObjectHandOffMode.REDIRECT) {
			return null;
		}
		String prefix = PREFIX + "object-storage.redirect.";
		int code = objects.getRedirect().getStatus();
		if (code != 302 && code != 303 && code != 307) {
			throw new InvalidDownloadPropertyException(prefix + "status", code,
					"not a redirect every client follows for a download with GET",
					"Set it to 302 (the default), 303 or 307.");
		}
		Duration lifetime = objects.getRedirect().getLifetime();
		if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofDays(7)) > 0) {
			throw new InvalidDownloadPropertyException(prefix + "lifetime", Urls.format(lifetime),
					"must be at least 1s and at most 7 days (the SigV4 limit)",
					"Set a duration a slow client can start its download in, such as 5m.");
		}
		return new RedirectSettings(HttpStatus.valueOf(code), lifetime);
	}

	private static List<SendfileRule> rules(SendfileProperties properties) {
		List<SendfileRule> rules = new ArrayList<>();
		for (int i = 0; i < properties.getRules().size(); i++) {
			SendfileProperties.Rule rule = properties.getRules().get(i);
			String prefix = PREFIX + "rules[" + i + "].";
			replacedRule(i, rule);
			Path source = absoluteFolder(prefix + "source", rule.getSource());
			SendfileServer server = (rule.getServer() != null) ? rule.getServer() : properties.getServer();
			String destination = destination(prefix + "destination", rule.getDestination(), server);
			for (int j = 0; j < rules.size(); j++) {
				Path earlier = rules.get(j).source();
				if (source.startsWith(earlier)) {
					throw new InvalidDownloadPropertyException(prefix + "source", source,
							source.equals(earlier) ? "same source as " + PREFIX + "rules[" + j + "]"
									: "inside the source of " + PREFIX + "rules[" + j + "] (" + earlier
											+ "), which comes first, so this rule can never match",
							"Remove the duplicate, or list the more specific rule first.");
				}
			}
			rules.add(new SendfileRule(source, destination, server));
		}
		return rules;
	}

	/**
	 * Fails when rule {@code index} has only one of its source and destination: the usual
	 * cause is one part set on the command line or in the environment, which replaces the
	 * whole list from application.properties (Boot binds a list from one source only), so
	 * the rule's other part silently went away.
	 */
	private static void replacedRule(int index, SendfileProperties.Rule rule) {
		boolean noSource = isBlank(rule.getSource());
		boolean noDestination = isBlank(rule.getDestination());
		if (noSource == noDestination) {
			return;
		}
		String rules = PREFIX + "rules";
		String missing = rules + "[" + index + "]." + (noSource ? "source" : "destination");
		throw new InvalidDownloadPropertyException(missing, null,
				rules + "[" + index + "] was replaced: it has a " + (noSource ? "destination" : "source") + " but no "
						+ (noSource ? "source" : "destination") + "; setting any element of " + rules
						+ " in one place (command line, environment, a profile) replaces the whole list from"
						+ " the others",
				"Give every part of every rule (source, destination, server) in the same place, e.g. all of " + rules
						+ "[" + index + "].* on the command line, or none.");
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * An absolute folder given as a property; it need not exist yet.
	 * @param property the property's full name, for the error
	 * @param value the value
	 * @return the normalized absolute path
	 */
	static Path absoluteFolder(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDownloadPropertyException(property, value, "no folder given",
					"Set " + property + " to the absolute path of a storage folder.");
		}
		Path path;
		try {
			path = Path.of(value);
		}
		catch (InvalidPathException ex) {
			throw new InvalidDownloadPropertyException(property, value,
					"not a valid path: " + ex.getReason() + " under " + FileNameEncoding.describe(),
					"Set " + property + " to the absolute path of a storage folder; for a non-ASCII one, "
							+ FileNameEncoding.FIX + ".");
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

	private static String destination(String property, @Nullable String value, SendfileServer server) {
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
			throw new InvalidDownloadPropertyException(property, value,
					"must start with '/' for " + server.id() + ", which takes " + what.substring(0, what.indexOf(',')),
					"Set " + property + " to " + what + ".");
		}
		if (value.contains("?") || value.contains("#") || value.contains("..")) {
			throw new InvalidDownloadPropertyException(property, value, "contains '?', '#' or '..'",
					"Set " + property + " to a plain path such as /internal-storage.");
		}
		return value;
	}

}
