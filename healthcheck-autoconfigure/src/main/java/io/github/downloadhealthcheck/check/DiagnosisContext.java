package io.github.downloadhealthcheck.check;

/**
 * The configured places a diagnosis names in its fixes.
 *
 * @param storage the storage, e.g. {@code folder /srv/files}
 * @param handOffTarget where the application hands the dummy file off to, e.g.
 * {@code /internal-storage}
 * @param objectStorage whether the storage is an object store the proxy fetches from over
 * HTTP, rather than a folder it reads
 */
public record DiagnosisContext(String storage, String handOffTarget, boolean objectStorage) {

	/**
	 * Context of a storage folder.
	 * @param storage the storage, e.g. {@code folder /srv/files}
	 * @param handOffTarget where the application hands the dummy file off to
	 */
	public DiagnosisContext(String storage, String handOffTarget) {
		this(storage, handOffTarget, false);
	}

}
