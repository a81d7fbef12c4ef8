package io.github.downloadhealthcheck.soak;

/**
 * One fault the soak injected and repaired, with the instants that delimit it: nothing is
 * judged between {@code injectFromMillis} and {@code injectedAtMillis} (the fault is
 * coming) nor between {@code repairFromMillis} and {@code repairedAtMillis} (it is
 * going).
 *
 * @param fault the fault
 * @param injectFromMillis when the soak started injecting it
 * @param injectedAtMillis when the soak saw it in effect
 * @param repairFromMillis when the soak started repairing it (for a fault the application
 * repairs itself: when the first check after it finished)
 * @param repairedAtMillis when the soak saw the repair in effect
 */
record Episode(Fault fault, long injectFromMillis, long injectedAtMillis, long repairFromMillis,
		long repairedAtMillis) {

	Episode {
		if (injectFromMillis > injectedAtMillis || injectedAtMillis > repairFromMillis
				|| repairFromMillis > repairedAtMillis) {
			throw new IllegalArgumentException("instants out of order: " + injectFromMillis + " <= " + injectedAtMillis
					+ " <= " + repairFromMillis + " <= " + repairedAtMillis);
		}
	}

	/**
	 * Whether [from, to] meets the time from the start of the injection to the repair.
	 */
	boolean overlaps(long from, long to) {
		return from <= this.repairedAtMillis && to >= this.injectFromMillis;
	}

}
