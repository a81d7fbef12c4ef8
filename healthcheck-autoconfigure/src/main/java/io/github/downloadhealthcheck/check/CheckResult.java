package io.github.downloadhealthcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Result of one check of one layer.
 *
 * @param layer the layer checked
 * @param status the outcome
 * @param symptom what exactly was wrong, {@link Symptom#NONE} when up
 * @param requested what was requested, e.g. {@code GET http://127.0.0.1:8080/x},
 * credentials masked
 * @param expected what a working layer answers
 * @param seen what was actually seen
 * @param reason one line saying why the layer is not up, {@code null} when up
 * @param duration how long the check took
 * @param checkedAt when the check finished
 * @param extra more details, such as the diagnosis on {@code end-to-end}
 */
public record CheckResult(Layer layer, CheckStatus status, Symptom symptom, String requested,
		Map<String, Object> expected, Map<String, Object> seen, @Nullable String reason, Duration duration,
		Instant checkedAt, Map<String, Object> extra) {

	/**
	 * Creates a result; maps are copied, keeping their order.
	 */
	public CheckResult {
		expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
		seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
		extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	/**
	 * Whether the layer is up.
	 * @return {@code true} when up
	 */
	public boolean isUp() {
		return this.status == CheckStatus.UP;
	}

	/**
	 * Whether the layer was checked and found broken.
	 * @return {@code true} when down
	 */
	public boolean isDown() {
		return this.status == CheckStatus.DOWN;
	}

	/**
	 * A copy with more details.
	 * @param details details to add
	 * @return the new result
	 */
	public CheckResult withExtra(Map<String, Object> details) {
		Map<String, Object> merged = new LinkedHashMap<>(this.extra);
		merged.putAll(details);
		return new CheckResult(this.layer, this.status, this.symptom, this.requested, this.expected, this.seen,
				this.reason, this.duration, this.checkedAt, merged);
	}

	/**
	 * A copy turned down, for example because the snapshot it belongs to is too old.
	 * @param symptom the new symptom
	 * @param reason the new reason
	 * @return the new result
	 */
	public CheckResult asDown(Symptom symptom, String reason) {
		return new CheckResult(this.layer, CheckStatus.DOWN, symptom, this.requested, this.expected, this.seen, reason,
				this.duration, this.checkedAt, this.extra);
	}

	/**
	 * All details for health output and logs, in a stable order.
	 * @return the details
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requested", this.requested);
		if (!this.expected.isEmpty()) {
			details.put("expected", this.expected);
		}
		if (!this.seen.isEmpty()) {
			details.put("seen", this.seen);
		}
		details.put("durationMs", this.duration.toMillis());
		details.put("checkedAt", this.checkedAt.toString());
		if (this.reason != null) {
			details.put("reason", this.reason);
		}
		details.putAll(this.extra);
		return details;
	}

}
