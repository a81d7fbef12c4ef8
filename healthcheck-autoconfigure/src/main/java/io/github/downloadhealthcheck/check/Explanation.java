package io.github.downloadhealthcheck.check;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Why a layer is down: the cause and the one setting to change, plus, where two sides can
 * be reconciled, the change on the other side.
 *
 * @param cause the cause
 * @param fix the one change that mends it, in the words of the part to change
 * @param alternative the change on the other side that mends it as well, {@code null}
 * when there is none
 * @param explainedBy the layer whose failure explains this one, {@code null} when it is
 * this layer's own
 */
public record Explanation(Cause cause, String fix, @Nullable String alternative, @Nullable Layer explainedBy) {

	/**
	 * An explanation without alternative.
	 * @param cause the cause
	 * @param fix the fix
	 */
	public Explanation(Cause cause, String fix) {
		this(cause, fix, null, null);
	}

	/**
	 * The same explanation, for a layer that fails because {@code layer} does.
	 * @param layer the layer whose failure explains it
	 * @return the explanation
	 */
	public Explanation via(Layer layer) {
		return new Explanation(this.cause, this.fix, this.alternative, layer);
	}

	/**
	 * The explanation as health details.
	 * @return {@code suspect} (the cause's id), {@code fix}, and {@code alternative} and
	 * {@code explainedBy} when present
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("suspect", this.cause.id());
		details.put("fix", this.fix);
		if (this.alternative != null) {
			details.put("alternative", this.alternative);
		}
		if (this.explainedBy != null) {
			details.put("explainedBy", this.explainedBy.id());
		}
		return details;
	}

}
