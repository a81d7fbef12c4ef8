package io.github.downloadhealthcheck.sendfile;

import java.nio.file.Path;

/**
 * Maps files under a storage folder to the location the reverse proxy serves them from.
 *
 * @param source absolute storage folder whose files this rule hands off
 * @param destination where the proxy finds the same files: the URI prefix of an internal
 * location (nginx, Caddy) or a folder (Apache, lighttpd)
 * @param server the proxy, which decides the header and value format
 */
public record SendfileRule(Path source, String destination, SendfileServer server) {

	/**
	 * Creates a rule; the source is made absolute and normalized so prefixes compare
	 * reliably.
	 * @param source storage folder
	 * @param destination proxy location
	 * @param server the proxy
	 */
	public SendfileRule {
		source = source.toAbsolutePath().normalize();
	}

	/**
	 * Short description for messages, e.g. {@code /srv/files -> /internal (nginx)}.
	 * @return the description
	 */
	public String describe() {
		return this.source + " -> " + this.destination + " (" + this.server.id() + ")";
	}

}
