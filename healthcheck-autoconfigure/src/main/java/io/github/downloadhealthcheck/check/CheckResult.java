package io.github.downloadhealthcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Result of one check of one layer, typed until the health component, the log and the
 * meters render it.
 *
 * @param layer the layer checked
 * @param status the outcome
 * @param symptom what exactly was wrong, {@link Symptom#NONE} when up
 * @param requested what was requested, e.g. {@code GET http://127.0.0.1:8080/x},
 * credentials masked
 * @param expected what a working layer answers, as shown
 * @param seen what was actually seen, as shown
 * @param reason one line saying why the layer is not up, {@code null} when up
 * @param duration how long the check took
 * @param checkedAt when the check finished
 * @param evidence the typed observations the diagnosis decides on
 * @param explanation the cause of a DOWN layer, {@code null} until diagnosed and when up
 * @param finding a security finding, {@code null} when none
 */
public record CheckResult(Layer layer, CheckStatus status, Symptom symptom, String requested,
		Map<String, Object> expected, Map<String, Object> seen, @Nullable String reason, Duration duration,
		Instant checkedAt, Evidence evidence, @Nullable Explanation explanation, @Nullable FindingReport finding) {

	/**
	 * Creates a result; maps are copied, keeping their order.
	 */
	public CheckResult {
		expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
		seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
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
	 * A copy carrying the cause of its failure.
	 * @param explanation the explanation
	 * @return the new result
	 */
	public CheckResult explainedBy(Explanation explanation) {
		return new CheckResult(this.layer, this.status, this.symptom, this.requested, this.expected, this.seen,
				this.reason, this.duration, this.checkedAt, this.evidence, explanation, this.finding);
	}

	/**
	 * A copy reporting a security finding.
	 * @param report the finding
	 * @return the new result
	 */
	public CheckResult reporting(FindingReport report) {
		return new CheckResult(this.layer, this.status, this.symptom, this.requested, this.expected, this.seen,
				this.reason, this.duration, this.checkedAt, this.evidence, this.explanation, report);
	}

	/**
	 * A copy turned down, for example because the snapshot it belongs to is too old.
	 * @param symptom the new symptom
	 * @param reason the new reason
	 * @return the new result, with no explanation until diagnosed again
	 */
	public CheckResult asDown(Symptom symptom, String reason) {
		return new CheckResult(this.layer, CheckStatus.DOWN, symptom, this.requested, this.expected, this.seen, reason,
				this.duration, this.checkedAt, this.evidence, null, this.finding);
	}

	/**
	 * All details for health output and logs, in a stable order: the one place a result
	 * becomes a map.
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
		if (this.explanation != null) {
			details.putAll(this.explanation.details());
		}
		if (this.finding != null) {
			Map<String, Object> finding = new LinkedHashMap<>();
			finding.put("id", this.finding.finding().id());
			finding.put("severity", FindingReport.SEVERITY);
			finding.put("reason", this.finding.reason());
			finding.put("fix", this.finding.fix());
			details.put(Finding.DETAIL, finding);
		}
		return details;
	}

}
