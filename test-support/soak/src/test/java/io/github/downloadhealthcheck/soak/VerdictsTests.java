package io.github.downloadhealthcheck.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.check.Layer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's judgments on made-up runs: a refresh every 5 s of four checks taking 10 ms,
 * except where a test says otherwise.
 */
class VerdictsTests {

	private static final Verdicts.Bounds BOUNDS = new Verdicts.Bounds(Duration.ofSeconds(7), Duration.ofSeconds(6));

	private final List<HealthRead> reads = new ArrayList<>();

	private final List<HealthRead> readiness = new ArrayList<>();

	@Test
	void aHealthyRunHasNoJudgment() {
		refreshes(0, 60_000, (at) -> allUp(at));
		Verdicts verdicts = judge(List.of());
		assertThat(verdicts.judgments()).isEmpty();
		assertThat(verdicts.distinctResults()).isEqualTo(4 * 13);
	}

	@Test
	void eachResultIsJudgedOnceHoweverManyProbesReadIt() {
		refreshes(0, 10_000, (at) -> allUp(at));
		List<HealthRead> again = new ArrayList<>(this.reads);
		this.reads.addAll(again);
		assertThat(judge(List.of()).distinctResults()).isEqualTo(4 * 3);
	}

	@Test
	void aDownWithNoFaultIsAFalseDown() {
		refreshes(0, 30_000, (at) -> (at == 15_000) ? with(allUp(at), Layer.PROXY, false) : allUp(at));
		Verdicts verdicts = judge(List.of());
		assertThat(verdicts.falseDowns()).isEqualTo(1);
		assertThat(verdicts.judgments().get(0).episode()).isNull();
		assertThat(verdicts.judgments().get(0).result().layer()).isEqualTo(Layer.PROXY);
	}

	@Test
	void aFaultDetectedByTheNextRefreshAndRepairedIsClean() {
		// proxy killed at 11 s (in effect at 11.5 s), repaired at 20 s
		Episode killed = new Episode(Fault.PROXY_KILLED, 11_000, 11_500, 20_000, 20_100);
		refreshes(0, 40_000,
				(at) -> (at >= 15_000 && at <= 20_000) ? down(allUp(at), Layer.PROXY, Layer.END_TO_END) : allUp(at));
		Verdicts verdicts = judge(List.of(killed));
		assertThat(verdicts.judgments()).isEmpty();
		Verdicts.FaultFigures figures = verdicts.perFault().get(Fault.PROXY_KILLED);
		assertThat(figures.episodes()).isEqualTo(1);
		assertThat(figures.undetected()).isZero();
		// the check that found it ended at 15.010 s
		assertThat(figures.detectionMillis()).containsExactly(15_010L - 11_500L);
		// the next one after the repair ended at 25.010 s
		assertThat(figures.recoveryMillis()).containsExactly(25_010L - 20_100L);
		assertThat(figures.causes()).containsExactly("end-to-end: test-cause", "proxy: test-cause");
	}

	@Test
	void anUpWhileTheFaultHeldIsAFalseUp() {
		Episode killed = new Episode(Fault.PROXY_KILLED, 11_000, 11_500, 26_000, 26_100);
		// the refresh at 20 s missed it
		refreshes(0, 40_000,
				(at) -> (at == 15_000 || at == 25_000) ? down(allUp(at), Layer.PROXY, Layer.END_TO_END) : allUp(at));
		Verdicts verdicts = judge(List.of(killed));
		assertThat(verdicts.falseUps()).isEqualTo(2);
		assertThat(verdicts.judgments()).allSatisfy((judgment) -> {
			assertThat(judgment.kind()).isEqualTo(Verdicts.Judgment.Kind.FALSE_UP);
			assertThat(judgment.result().checkedAtMillis()).isEqualTo(20_010L);
			assertThat(judgment.episode()).isSameAs(killed);
		});
	}

	@Test
	void aCheckThatStartedBeforeTheFaultWasInEffectIsNotJudged() {
		// in effect at 15.005 s, while the refresh of 15 s ran
		Episode killed = new Episode(Fault.PROXY_KILLED, 14_990, 15_005, 22_000, 22_050);
		refreshes(0, 40_000, (at) -> (at == 20_000) ? down(allUp(at), Layer.PROXY, Layer.END_TO_END) : allUp(at));
		Verdicts verdicts = judge(List.of(killed));
		assertThat(verdicts.judgments()).isEmpty();
		assertThat(verdicts.perFault().get(Fault.PROXY_KILLED).undetected()).isZero();
	}

	@Test
	void aLayerTheFaultLeavesAloneMustStayUp() {
		Episode hung = new Episode(Fault.ROUTE_HUNG, 11_000, 11_000, 20_000, 20_000);
		refreshes(0, 40_000, (at) -> (at == 15_000) ? down(allUp(at), Layer.END_TO_END, Layer.STORAGE) : allUp(at));
		Verdicts verdicts = judge(List.of(hung));
		assertThat(verdicts.falseDowns()).isEqualTo(1);
		assertThat(verdicts.judgments().get(0).result().layer()).isEqualTo(Layer.STORAGE);
		assertThat(verdicts.judgments().get(0).episode()).isSameAs(hung);
		assertThat(verdicts.perFault().get(Fault.ROUTE_HUNG).falseDowns()).isEqualTo(1);
	}

	@Test
	void aFaultThatMustChangeNothingCountsNoDetectionAndNoRecovery() {
		Episode invalid = new Episode(Fault.RELOAD_INVALID, 11_000, 11_050, 20_000, 20_050);
		refreshes(0, 40_000, (at) -> allUp(at));
		Verdicts verdicts = judge(List.of(invalid));
		Verdicts.FaultFigures figures = verdicts.perFault().get(Fault.RELOAD_INVALID);
		assertThat(figures.undetected()).isZero();
		assertThat(figures.detectionMillis()).isEmpty();
		assertThat(figures.recoveryMillis()).isEmpty();
		assertThat(verdicts.judgments()).isEmpty();
	}

	@Test
	void aFaultNoCheckEverSawIsUndetected() {
		Episode killed = new Episode(Fault.PROXY_KILLED, 11_000, 11_500, 20_000, 20_100);
		refreshes(0, 40_000, (at) -> allUp(at));
		Verdicts verdicts = judge(List.of(killed));
		assertThat(verdicts.undetected()).isEqualTo(1);
		assertThat(verdicts.falseUps()).isEqualTo(2);
	}

	@Test
	void detectionAndRecoveryBeyondTheirBoundsAreCounted() {
		Episode hung = new Episode(Fault.ROUTE_HUNG, 11_000, 11_000, 40_000, 40_000);
		// seen only by the refresh of 25 s: 14 s after, beyond the 7 s bound; UP again
		// 10 s after the repair, beyond 6 s
		refreshes(0, 60_000, (at) -> (at >= 25_000 && at <= 45_000) ? down(allUp(at), Layer.END_TO_END) : allUp(at));
		Verdicts verdicts = judge(List.of(hung));
		Verdicts.FaultFigures figures = verdicts.perFault().get(Fault.ROUTE_HUNG);
		assertThat(figures.detectionsBeyondBound()).isEqualTo(1);
		assertThat(figures.recoveriesBeyondBound()).isEqualTo(1);
		assertThat(verdicts.beyondBound()).isEqualTo(2);
		// and the refreshes of 15 and 20 s are false UPs, the one of 45 s a false DOWN
		assertThat(verdicts.falseUps()).isEqualTo(2);
		assertThat(verdicts.falseDowns()).isEqualTo(1);
	}

	@Test
	void readinessIsJudgedAgainstTheTimeBounds() {
		Episode killed = new Episode(Fault.PROXY_KILLED, 11_000, 11_500, 30_000, 30_100);
		refreshes(0, 60_000, (at) -> allUp(at));
		// not ready before the detection bound (11.5 + 7 s): not judged
		this.readiness.add(new HealthRead(15_000, 5, 503, Map.of()));
		// ready after it while the fault holds: false UP
		this.readiness.add(new HealthRead(20_000, 5, 200, Map.of()));
		// not ready within the recovery bound after the repair: not judged
		this.readiness.add(new HealthRead(33_000, 5, 503, Map.of()));
		// not ready long after it: false DOWN
		this.readiness.add(new HealthRead(45_000, 5, 503, Map.of()));
		this.readiness.add(new HealthRead(46_000, 10_000, -1, Map.of()));
		Verdicts.ReadinessFigures figures = judge(List.of(killed)).readiness();
		assertThat(figures.falseUps()).isEqualTo(1);
		assertThat(figures.falseDowns()).isEqualTo(1);
		assertThat(figures.unanswered()).isEqualTo(1);
	}

	@Test
	void resultsThatStartedBeforeTheJudgedPartAreLeftOut() {
		refreshes(0, 30_000, (at) -> (at == 5_000) ? with(allUp(at), Layer.PROXY, false) : allUp(at));
		Verdicts verdicts = Verdicts.judge(List.of(), this.reads, this.readiness, 10_000, BOUNDS);
		assertThat(verdicts.judgments()).isEmpty();
	}

	private Verdicts judge(List<Episode> episodes) {
		return Verdicts.judge(episodes, this.reads, this.readiness, 0, BOUNDS);
	}

	/** One probe read of each refresh, every 5 s from {@code from} to {@code to}. */
	private void refreshes(long from, long to, java.util.function.LongFunction<Map<Layer, LayerResult>> refresh) {
		for (long at = from; at <= to; at += 5_000) {
			this.reads.add(new HealthRead(at + 100, 3, 200, refresh.apply(at)));
		}
	}

	/** Four UP checks that started at {@code at} and took 10 ms. */
	private static Map<Layer, LayerResult> allUp(long at) {
		Map<Layer, LayerResult> results = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			results.put(layer, new LayerResult(layer, true, at + 10, 10, null));
		}
		return results;
	}

	private static Map<Layer, LayerResult> down(Map<Layer, LayerResult> results, Layer... layers) {
		Map<Layer, LayerResult> changed = results;
		for (Layer layer : layers) {
			changed = with(changed, layer, false);
		}
		return changed;
	}

	private static Map<Layer, LayerResult> with(Map<Layer, LayerResult> results, Layer layer, boolean up) {
		Map<Layer, LayerResult> changed = new EnumMap<>(results);
		LayerResult was = results.get(layer);
		changed.put(layer,
				new LayerResult(layer, up, was.checkedAtMillis(), was.durationMillis(), up ? null : "test-cause"));
		return changed;
	}

}
