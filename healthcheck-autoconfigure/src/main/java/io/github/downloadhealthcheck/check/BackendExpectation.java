package io.github.downloadhealthcheck.check;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;

/**
 * What the healthcheck view must answer when called directly, derived from the application's
 * own sendfile rules for the dummy file.
 *
 * @param headerName the hand-off header, {@code null} when no rule hands the dummy file off
 * @param headerValue its expected value, {@code null} when no rule hands the dummy file off
 * @param noHandOffReason why no rule hands the dummy file off, {@code null} when one does
 */
public record BackendExpectation(@Nullable String headerName, @Nullable String headerValue,
		@Nullable String noHandOffReason) {

	/**
	 * The expectation for a sendfile decision about the dummy file.
	 * @param decision the decision
	 * @return the expectation
	 */
	public static BackendExpectation from(SendfileDecision decision) {
		if (decision instanceof SendfileDecision.HandOff handOff) {
			return new BackendExpectation(handOff.headerName(), handOff.headerValue(), null);
		}
		if (decision instanceof SendfileDecision.Stream stream) {
			return new BackendExpectation(null, null, stream.reason());
		}
		return new BackendExpectation(null, null, ((SendfileDecision.Refused) decision).reason());
	}

	/**
	 * Whether the rules hand the dummy file off.
	 * @return {@code true} when a rule matches
	 */
	public boolean handsOff() {
		return this.headerName != null;
	}

	Map<String, Object> describe() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("status", 200);
		if (this.headerName != null) {
			expected.put(this.headerName, this.headerValue);
		}
		else {
			expected.put("handOff", "none: " + this.noHandOffReason);
		}
		expected.put("bytes", 0);
		return expected;
	}

}
