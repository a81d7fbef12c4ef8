package io.github.downloadhealthcheck.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.Layer;

/**
 * Judges a soak from what it did (the episodes) and what the probes read: plain logic,
 * unit-tested on its own.
 * <p>
 * False UPs and false DOWNs are judged per check result, from the instants the results
 * carry ({@code checkedAt} and {@code durationMs}), not from when a probe happened to
 * read them: a check that started after the fault was in effect and finished before its
 * repair began must be DOWN for every layer the fault breaks; a check that overlaps no
 * fault must be UP; no check may be DOWN for a layer the fault leaves alone. So these
 * verdicts do not depend on how loaded the machine is. Detection and recovery times, and
 * readiness, are measured against the time bounds on top.
 */
final class Verdicts {

	private final Map<Fault, FaultFigures> perFault;

	private final List<Judgment> judgments;

	private final ReadinessFigures readiness;

	private final int distinctResults;

	private Verdicts(Map<Fault, FaultFigures> perFault, List<Judgment> judgments, ReadinessFigures readiness,
			int distinctResults) {
		this.perFault = perFault;
		this.judgments = judgments;
		this.readiness = readiness;
		this.distinctResults = distinctResults;
	}

	/**
	 * Judges a run.
	 * @param episodes the faults injected, in order, none overlapping another
	 * @param downloadReads the reads of {@code /actuator/health/download}
	 * @param readinessReads the reads of {@code /actuator/health/readiness}
	 * @param judgedFromMillis results that started before are not judged (start-up)
	 * @param bounds the time bounds
	 * @return the verdicts
	 */
	static Verdicts judge(List<Episode> episodes, List<HealthRead> downloadReads, List<HealthRead> readinessReads,
			long judgedFromMillis, Bounds bounds) {
		List<LayerResult> results = distinctResults(downloadReads, judgedFromMillis);
		List<Judgment> judgments = new ArrayList<>();
		for (LayerResult result : results) {
			judge(result, episodes).ifPresent(judgments::add);
		}
		Map<Fault, FaultFigures> perFault = new LinkedHashMap<>();
		for (Episode episode : episodes) {
			perFault.computeIfAbsent(episode.fault(), FaultFigures::new).add(episode, results, judgments, bounds);
		}
		ReadinessFigures readiness = readiness(episodes, readinessReads, judgedFromMillis, bounds);
		return new Verdicts(perFault, judgments, readiness, results.size());
	}

	/** Each check result once, in the order the checks finished. */
	static List<LayerResult> distinctResults(List<HealthRead> reads, long judgedFromMillis) {
		Set<LayerResult> seen = new LinkedHashSet<>();
		for (HealthRead read : reads) {
			for (LayerResult result : read.layers().values()) {
				if (result.startedAtMillis() >= judgedFromMillis) {
					seen.add(result);
				}
			}
		}
		List<LayerResult> sorted = new ArrayList<>(seen);
		sorted.sort(Comparator.comparingLong(LayerResult::checkedAtMillis));
		return sorted;
	}

	private static Optional<Judgment> judge(LayerResult result, List<Episode> episodes) {
		Episode during = episodes.stream()
			.filter((episode) -> episode.overlaps(result.startedAtMillis(), result.checkedAtMillis()))
			.findFirst()
			.orElse(null);
		if (during == null) {
			return result.up() ? Optional.empty() : Optional.of(new Judgment(Judgment.Kind.FALSE_DOWN, result, null));
		}
		if (!result.up() && !during.fault().expected().contains(result.layer())) {
			return Optional.of(new Judgment(Judgment.Kind.FALSE_DOWN, result, during));
		}
		boolean whileHeld = result.startedAtMillis() >= during.injectedAtMillis()
				&& result.checkedAtMillis() <= during.repairFromMillis();
		if (result.up() && whileHeld && during.fault().expected().contains(result.layer())) {
			return Optional.of(new Judgment(Judgment.Kind.FALSE_UP, result, during));
		}
		return Optional.empty();
	}

	private static ReadinessFigures readiness(List<Episode> episodes, List<HealthRead> reads, long judgedFromMillis,
			Bounds bounds) {
		int falseUps = 0;
		int falseDowns = 0;
		int unanswered = 0;
		for (HealthRead read : reads) {
			if (read.sentAtMillis() < judgedFromMillis) {
				continue;
			}
			if (read.httpStatus() < 0) {
				unanswered++;
				continue;
			}
			boolean ready = read.httpStatus() == 200;
			boolean mustBeDown = episodes.stream()
				.anyMatch((episode) -> !episode.fault().expected().isEmpty()
						&& read.sentAtMillis() >= episode.injectedAtMillis() + bounds.detection().toMillis()
						&& read.answeredAtMillis() <= episode.repairFromMillis());
			boolean mustBeUp = episodes.stream()
				.noneMatch((episode) -> read.sentAtMillis() <= episode.repairedAtMillis() + bounds.recovery().toMillis()
						&& read.answeredAtMillis() >= episode.injectFromMillis());
			if (ready && mustBeDown) {
				falseUps++;
			}
			else if (!ready && mustBeUp) {
				falseDowns++;
			}
		}
		return new ReadinessFigures(falseUps, falseDowns, unanswered);
	}

	Map<Fault, FaultFigures> perFault() {
		return this.perFault;
	}

	List<Judgment> judgments() {
		return this.judgments;
	}

	ReadinessFigures readiness() {
		return this.readiness;
	}

	int distinctResults() {
		return this.distinctResults;
	}

	long falseUps() {
		return this.judgments.stream().filter((judgment) -> judgment.kind() == Judgment.Kind.FALSE_UP).count();
	}

	long falseDowns() {
		return this.judgments.stream().filter((judgment) -> judgment.kind() == Judgment.Kind.FALSE_DOWN).count();
	}

	long undetected() {
		return this.perFault.values().stream().mapToLong(FaultFigures::undetected).sum();
	}

	long beyondBound() {
		return this.perFault.values()
			.stream()
			.mapToLong((figures) -> figures.detectionsBeyondBound() + figures.recoveriesBeyondBound())
			.sum();
	}

	/**
	 * The time bounds.
	 *
	 * @param detection from the fault in effect to its layers DOWN: one interval for the
	 * next refresh to start, plus the check timeout
	 * @param recovery from the repair to every layer UP: one interval, plus the refresh's
	 * own duration
	 */
	record Bounds(Duration detection, Duration recovery) {

	}

	/**
	 * A check result that contradicts the faults.
	 *
	 * @param kind false UP or false DOWN
	 * @param result the result
	 * @param episode the fault it happened during, none for a DOWN with no fault
	 */
	record Judgment(Kind kind, LayerResult result, @Nullable Episode episode) {

		enum Kind {

			FALSE_UP, FALSE_DOWN

		}

	}

	/**
	 * Readiness reads that contradict the faults, judged with the time bounds: not ready
	 * with no fault held within the recovery bound, or ready while a fault held past its
	 * detection bound.
	 *
	 * @param falseUps ready while it must not be
	 * @param falseDowns not ready while it must be
	 * @param unanswered reads that got no answer
	 */
	record ReadinessFigures(int falseUps, int falseDowns, int unanswered) {

	}

	/** What the episodes of one fault measured. */
	static final class FaultFigures {

		private final Fault fault;

		private int episodes;

		private int undetected;

		private final List<Long> detectionMillis = new ArrayList<>();

		private final List<Long> recoveryMillis = new ArrayList<>();

		private int detectionsBeyondBound;

		private int recoveriesBeyondBound;

		private int falseUps;

		private int falseDowns;

		private final Set<String> causes = new TreeSet<>();

		FaultFigures(Fault fault) {
			this.fault = fault;
		}

		void add(Episode episode, List<LayerResult> results, List<Judgment> judgments, Bounds bounds) {
			this.episodes++;
			detection(episode, results).ifPresentOrElse((millis) -> {
				this.detectionMillis.add(millis);
				if (millis > bounds.detection().toMillis()) {
					this.detectionsBeyondBound++;
				}
			}, () -> {
				if (!this.fault.expected().isEmpty()) {
					this.undetected++;
				}
			});
			recovery(episode, results).ifPresent((millis) -> {
				this.recoveryMillis.add(millis);
				if (millis > bounds.recovery().toMillis()) {
					this.recoveriesBeyondBound++;
				}
			});
			for (Judgment judgment : judgments) {
				if (judgment.episode() == episode) {
					if (judgment.kind() == Judgment.Kind.FALSE_UP) {
						this.falseUps++;
					}
					else {
						this.falseDowns++;
					}
				}
			}
			results.stream()
				.filter((result) -> !result.up() && result.cause() != null
						&& episode.overlaps(result.startedAtMillis(), result.checkedAtMillis()))
				.forEach((result) -> this.causes.add(result.layer().id() + ": " + result.cause()));
		}

		/**
		 * From the fault in effect to the last of its layers DOWN, counting for each
		 * layer its first DOWN check that started while the fault held; empty unless
		 * every layer had one.
		 */
		private Optional<Long> detection(Episode episode, List<LayerResult> results) {
			if (this.fault.expected().isEmpty()) {
				return Optional.empty();
			}
			long last = Long.MIN_VALUE;
			for (Layer layer : this.fault.expected()) {
				Optional<LayerResult> first = results.stream()
					.filter((result) -> result.layer() == layer && !result.up()
							&& result.startedAtMillis() >= episode.injectFromMillis()
							&& result.startedAtMillis() <= episode.repairFromMillis())
					.findFirst();
				if (first.isEmpty()) {
					return Optional.empty();
				}
				last = Math.max(last, first.get().checkedAtMillis());
			}
			return Optional.of(Math.max(0, last - episode.injectedAtMillis()));
		}

		/**
		 * From the repair in effect to the last layer that went DOWN during the fault UP
		 * again; empty when none went DOWN.
		 */
		private Optional<Long> recovery(Episode episode, List<LayerResult> results) {
			Map<Layer, Long> upAgain = new EnumMap<>(Layer.class);
			Set<Layer> wentDown = new TreeSet<>();
			for (LayerResult result : results) {
				if (!result.up() && episode.overlaps(result.startedAtMillis(), result.checkedAtMillis())) {
					wentDown.add(result.layer());
				}
				if (result.up() && result.checkedAtMillis() >= episode.repairedAtMillis()) {
					upAgain.putIfAbsent(result.layer(), result.checkedAtMillis());
				}
			}
			if (wentDown.isEmpty() || !upAgain.keySet().containsAll(wentDown)) {
				return Optional.empty();
			}
			long last = wentDown.stream().mapToLong(upAgain::get).max().orElseThrow();
			return Optional.of(Math.max(0, last - episode.repairedAtMillis()));
		}

		Fault fault() {
			return this.fault;
		}

		int episodes() {
			return this.episodes;
		}

		int undetected() {
			return this.undetected;
		}

		List<Long> detectionMillis() {
			return this.detectionMillis;
		}

		List<Long> recoveryMillis() {
			return this.recoveryMillis;
		}

		int detectionsBeyondBound() {
			return this.detectionsBeyondBound;
		}

		int recoveriesBeyondBound() {
			return this.recoveriesBeyondBound;
		}

		int falseUps() {
			return this.falseUps;
		}

		int falseDowns() {
			return this.falseDowns;
		}

		Set<String> causes() {
			return this.causes;
		}

	}

}
