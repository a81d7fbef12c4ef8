package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Evidence;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;

/**
 * What the healthcheck view must answer when called directly, derived from the
 * application's own sendfile rules for the dummy file.
 *
 * @param headerName the hand-off header, {@code null} when no rule hands the dummy file
 * off
 * @param headerValue its expected value, {@code null} when no rule hands the dummy file
 * off
 * @param noHandOffReason why no rule hands the dummy file off, {@code null} when one does
 * @param noHandOff the same, typed
 * @param presigned whether the value ends with a presigned query that differs on every
 * request (objects): then only the part before {@code ?} is compared
 */
public record BackendExpectation(@Nullable String headerName, @Nullable String headerValue,
		@Nullable String noHandOffReason, Evidence.NoHandOff noHandOff, boolean presigned) {

	/**
	 * An expectation compared in full.
	 * @param headerName the hand-off header, {@code null} when no rule hands the dummy
	 * file off
	 * @param headerValue its expected value, {@code null} when no rule hands the dummy
	 * file off
	 * @param noHandOffReason why no rule hands the dummy file off, {@code null} when one
	 * does
	 */
	public BackendExpectation(@Nullable String headerName, @Nullable String headerValue,
			@Nullable String noHandOffReason) {
		this(headerName, headerValue, noHandOffReason,
				(noHandOffReason != null) ? Evidence.NoHandOff.OTHER_RULES : Evidence.NoHandOff.NONE, false);
	}

	/**
	 * The expectation for a sendfile decision about the dummy file.
	 * @param decision the decision
	 * @return the expectation
	 */
	public static BackendExpectation from(SendfileDecision decision) {
		if (decision instanceof SendfileDecision.HandOff handOff) {
			return new BackendExpectation(handOff.headerName(), handOff.stableValue(), null, Evidence.NoHandOff.NONE,
					handOff.signed());
		}
		if (decision instanceof SendfileDecision.Redirect) {
			// Checked by RedirectBackendCheck: no hand-off header is expected here.
			return new BackendExpectation(null, null,
					"objects are redirected to (download.sendfile.object-storage.mode=redirect)",
					Evidence.NoHandOff.OTHER_RULES, false);
		}
		if (decision instanceof SendfileDecision.Stream stream) {
			Evidence.NoHandOff why = switch (stream.why()) {
				case DISABLED -> Evidence.NoHandOff.DISABLED;
				case NO_RULE -> Evidence.NoHandOff.NO_RULE;
				case PROXY_CANNOT -> Evidence.NoHandOff.PROXY_CANNOT;
			};
			return new BackendExpectation(null, null, stream.reason(), why, false);
		}
		return new BackendExpectation(null, null, ((SendfileDecision.Refused) decision).reason(),
				Evidence.NoHandOff.OTHER_RULES, false);
	}

	/**
	 * Whether the rules hand the dummy file off.
	 * @return {@code true} when a rule matches
	 */
	public boolean handsOff() {
		return this.headerName != null;
	}

	/**
	 * Whether a hand-off header value is the expected one.
	 * @param value the value seen
	 * @return {@code true} when equal, or for presigned values when the part before the
	 * presigned query is equal
	 */
	public boolean matches(String value) {
		if (!this.presigned) {
			return value.equals(this.headerValue);
		}
		return value.equals(this.headerValue) || value.startsWith(this.headerValue + "?");
	}

	/**
	 * The expected value as shown in details and reasons.
	 * @return the value, with a placeholder for a presigned query
	 */
	public @Nullable String shownValue() {
		return (this.presigned) ? this.headerValue + "?<presigned query>" : this.headerValue;
	}

	Map<String, Object> describe() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("status", 200);
		if (this.headerName != null) {
			expected.put(this.headerName, shownValue());
		}
		else {
			expected.put("handOff", "none: " + this.noHandOffReason);
		}
		expected.put("bytes", 0);
		return expected;
	}

}
