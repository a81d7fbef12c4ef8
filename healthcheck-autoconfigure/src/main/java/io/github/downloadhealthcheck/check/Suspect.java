package io.github.downloadhealthcheck.check;

/**
 * The part of the chain most likely guilty when {@code end-to-end} is down.
 *
 * @deprecated health details name a {@link Cause} per DOWN layer instead, see
 * {@link CauseAnalysis}
 */
@Deprecated
public enum Suspect {

	/** The storage: the dummy file cannot be read back. */
	STORAGE("storage"),

	/**
	 * The {@code backend} layer, the application itself: it does not hand the download
	 * off as its rules say. Named like the layer, as every suspect that is one.
	 */
	BACKEND("backend"),

	/** The proxy cannot be reached at all. */
	PROXY("proxy"),

	/** The proxy is reachable but cannot serve files from storage. */
	PROXY_STORAGE_ACCESS("proxy storage access"),

	/** Each part works alone; the hand-off between application and proxy does not. */
	HAND_OFF("hand-off between application and proxy"),

	// The redirect hand-off (download.sendfile.object-storage.mode=redirect)

	/** The ingress in front of the application: it changes or keeps the redirect. */
	INGRESS("ingress"),

	/** The store's public endpoint, which clients following the redirect reach. */
	PUBLIC_ENDPOINT("store's public endpoint"),

	/** The presigned URL itself: its signature, credentials, clock or lifetime. */
	PRESIGNED_URL("presigned URL");

	private final String label;

	Suspect(String label) {
		this.label = label;
	}

	/**
	 * Name shown in health details.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
