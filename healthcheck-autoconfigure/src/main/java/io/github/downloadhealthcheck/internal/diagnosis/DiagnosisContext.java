package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * The configured places a diagnosis names in its fixes, and the words of the proxy in
 * use.
 *
 * @param storage the storage, e.g. {@code folder /srv/files}
 * @param handOffTarget where the application hands the dummy file off to, e.g.
 * {@code /internal-storage}
 * @param hints the proxy's own names for the settings to fix
 * @param objectStorage whether the storage is an object store the proxy fetches from over
 * HTTP, rather than a folder it reads
 * @param redirect whether downloads are redirected to presigned URLs
 * ({@code download.sendfile.object-storage.mode=redirect}) rather than handed off by a
 * header
 */
public record DiagnosisContext(String storage, String handOffTarget, ProxyHints hints, boolean objectStorage,
		boolean redirect) {

	/**
	 * Context of a storage folder behind nginx, the default proxy.
	 * @param storage the storage
	 * @param handOffTarget where the application hands the dummy file off to
	 */
	public DiagnosisContext(String storage, String handOffTarget) {
		this(storage, handOffTarget, SendfileServer.NGINX.hints(handOffTarget, "<storage root>"), false, false);
	}

	/**
	 * Context of a storage folder.
	 * @param storage the storage
	 * @param handOffTarget where the application hands the dummy file off to
	 * @param hints the proxy's own names for the settings to fix
	 */
	public DiagnosisContext(String storage, String handOffTarget, ProxyHints hints) {
		this(storage, handOffTarget, hints, false, false);
	}

}
