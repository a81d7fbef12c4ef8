package io.github.downloadhealthcheck.check;

import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * The configured places a diagnosis names in its fixes, and the words of the proxy in use.
 *
 * @param storage the storage, e.g. {@code folder /srv/files}
 * @param handOffTarget where the application hands the dummy file off to, e.g.
 * {@code /internal-storage}
 * @param hints the proxy's own names for the settings to fix
 */
public record DiagnosisContext(String storage, String handOffTarget, ProxyHints hints) {

	/**
	 * A context for nginx, the default proxy.
	 * @param storage the storage
	 * @param handOffTarget where the application hands the dummy file off to
	 */
	public DiagnosisContext(String storage, String handOffTarget) {
		this(storage, handOffTarget, SendfileServer.NGINX.hints(handOffTarget, "<storage root>"));
	}

}
