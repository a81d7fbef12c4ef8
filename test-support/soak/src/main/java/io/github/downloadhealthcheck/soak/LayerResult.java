package io.github.downloadhealthcheck.soak;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.Layer;

/**
 * One layer's check result as {@code /actuator/health/download} reported it: the same
 * result is read again by every probe until the next refresh replaces it.
 *
 * @param layer the layer
 * @param up whether it was UP (anything else counts as not UP)
 * @param checkedAtMillis when the check finished ({@code checkedAt}), epoch milliseconds
 * @param durationMillis how long it took ({@code durationMs})
 * @param cause the diagnosis' {@code cause}, when DOWN with one
 */
record LayerResult(Layer layer, boolean up, long checkedAtMillis, long durationMillis, @Nullable String cause) {

	/** When the check started. */
	long startedAtMillis() {
		return this.checkedAtMillis - this.durationMillis;
	}

}
