package io.github.downloadhealthcheck.check;

/**
 * Outcome of one check.
 */
public enum CheckStatus {

	/** The layer works. */
	UP,

	/** The layer is broken; the result says why. */
	DOWN,

	/** The layer was not checked: not configured, or no result yet. */
	UNKNOWN

}
