package io.github.downloadhealthcheck.check;

/**
 * A security finding: something that works, and works for the wrong people. A finding
 * never turns a layer down, because taking every instance out of the load balancer mends
 * nothing and stops downloads that work; it is reported beside the layer's status
 * instead, under {@link #DETAIL} as a {@link FindingReport}, and logged, counted and
 * alerted on separately.
 */
public enum Finding {

	/**
	 * The proxy serves storage to anybody at the URI the application hands files off to:
	 * every stored file can be downloaded by its path, bypassing the application.
	 */
	STORAGE_EXPOSED("storage-exposed", Layer.PROXY);

	/** Name of the health detail holding a layer's finding. */
	public static final String DETAIL = "finding";

	private final String id;

	private final Layer layer;

	Finding(String id, Layer layer) {
		this.id = id;
		this.layer = layer;
	}

	/**
	 * Stable name used in health details, logs and the {@code finding} metric tag.
	 * @return the id, e.g. {@code storage-exposed}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The layer whose check can report this finding.
	 * @return the layer
	 */
	public Layer layer() {
		return this.layer;
	}

}
