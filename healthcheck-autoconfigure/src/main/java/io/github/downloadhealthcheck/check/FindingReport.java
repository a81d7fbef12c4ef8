package io.github.downloadhealthcheck.check;

/**
 * A {@link Finding} one check made, with what was seen and the one change that ends it.
 *
 * @param finding the finding
 * @param reason what was seen
 * @param fix the one change that ends the finding
 */
public record FindingReport(Finding finding, String reason, String fix) {

	/**
	 * How serious every finding is: each one lets strangers read stored files.
	 */
	public static final String SEVERITY = "critical";

}
