package io.github.downloadhealthcheck.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Why a layer is down: the cause, the one setting to change, where two sides can be
 * reconciled the change on the other side, and the observations the cause rests on.
 *
 * @param cause the cause
 * @param fix the one change that mends it, in the words of the part to change
 * @param alternative the change on the other side that mends it as well, {@code null}
 * when there is none
 * @param explainedBy the layer whose failure explains this one, {@code null} when it is
 * this layer's own
 * @param evidence the observations the cause rests on, including what other layers
 * proved, in words a person reads
 */
public record Explanation(Cause cause, String fix, @Nullable String alternative, @Nullable Layer explainedBy,
		List<String> evidence) {

	/**
	 * Creates an explanation; the evidence is copied.
	 */
	public Explanation {
		evidence = List.copyOf(evidence);
	}

	/**
	 * An explanation without alternative.
	 * @param cause the cause
	 * @param fix the fix
	 * @param evidence the observations it rests on
	 */
	public Explanation(Cause cause, String fix, String... evidence) {
		this(cause, fix, null, null, List.of(evidence));
	}

	/**
	 * The same explanation with a change on the other side.
	 * @param alternative the other change
	 * @return the explanation
	 */
	public Explanation or(String alternative) {
		return new Explanation(this.cause, this.fix, alternative, this.explainedBy, this.evidence);
	}

	/**
	 * The same explanation, for a layer that fails because {@code layer} does.
	 * @param layer the layer whose failure explains it
	 * @return the explanation
	 */
	public Explanation via(Layer layer) {
		return new Explanation(this.cause, this.fix, this.alternative, layer, this.evidence);
	}

	/**
	 * The explanation as health details.
	 * @return {@code cause} (the cause's id), {@code fix}, and {@code alternative},
	 * {@code explainedBy} and {@code evidence} when present
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("cause", this.cause.id());
		details.put("fix", this.fix);
		if (this.alternative != null) {
			details.put("alternative", this.alternative);
		}
		if (this.explainedBy != null) {
			details.put("explainedBy", this.explainedBy.id());
		}
		if (!this.evidence.isEmpty()) {
			details.put("evidence", this.evidence);
		}
		return details;
	}

}
