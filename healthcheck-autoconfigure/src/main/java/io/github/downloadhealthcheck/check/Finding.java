package io.github.downloadhealthcheck.check;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A security finding: something that works, and works for the wrong people. A finding
 * never turns a layer down, because taking every instance out of the load balancer mends
 * nothing and stops downloads that work; it is reported beside the layer's status
 * instead, under {@link #DETAIL}, and logged, counted and alerted on separately.
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

	/**
	 * The health detail reporting this finding.
	 * @param reason what was seen
	 * @param fix the one change that ends the finding
	 * @return {@code finding -> {id, severity, reason, fix}}
	 */
	public Map<String, Object> detail(String reason, String fix) {
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put("id", this.id);
		finding.put("severity", "critical");
		finding.put("reason", reason);
		finding.put("fix", fix);
		return Map.of(DETAIL, finding);
	}

	/**
	 * The findings a result reports.
	 * @param result a check's result
	 * @return the findings, empty for most results
	 */
	public static Set<Finding> in(CheckResult result) {
		Set<Finding> found = EnumSet.noneOf(Finding.class);
		if (result.extra().get(DETAIL) instanceof Map<?, ?> detail) {
			Object id = detail.get("id");
			for (Finding finding : values()) {
				if (finding.id.equals(id)) {
					found.add(finding);
				}
			}
		}
		return found;
	}

}
