package io.github.downloadhealthcheck.it;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one fault did to one snapshot, with the assertions every row of the fault matrix
 * makes.
 */
final class FaultRun {

	private final DownloadHealthSnapshot snapshot;

	private FaultRun(DownloadHealthSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	static FaultRun of(DownloadHealthSnapshot snapshot) {
		return new FaultRun(snapshot);
	}

	/**
	 * The first of a few fresh snapshots in which only {@code down} are DOWN, failing
	 * with the last one's description when none is: a cold JVM on a busy machine may miss
	 * a 1s timeout once right after start-up, and a refresh that finds the dummy file
	 * missing writes it again for the next one, neither of which is the fault under test.
	 * Counted in refreshes, not seconds.
	 */
	static FaultRun settled(RunningSampleApp app, Layer... down) throws Exception {
		AssertionError last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			FaultRun run = of(app.snapshotAfter(() -> {
			}));
			try {
				return run.down(down);
			}
			catch (AssertionError ex) {
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * Exactly these layers are DOWN, every other one UP.
	 */
	FaultRun down(Layer... layers) {
		Set<Layer> expected = layers.length == 0 ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(Arrays.asList(layers));
		Set<Layer> down = EnumSet.noneOf(Layer.class);
		Set<Layer> notUp = EnumSet.noneOf(Layer.class);
		this.snapshot.results().forEach((layer, result) -> {
			if (result.isDown()) {
				down.add(layer);
			}
			if (!result.isUp()) {
				notUp.add(layer);
			}
		});
		assertThat(down).as(describe()).isEqualTo(expected);
		assertThat(notUp).as(describe()).isEqualTo(expected);
		return this;
	}

	CheckResult result(Layer layer) {
		return this.snapshot.results().get(layer);
	}

	/**
	 * The layer's reason contains every fragment.
	 */
	FaultRun reason(Layer layer, String... fragments) {
		assertThat(result(layer).reason()).as(describe()).contains(fragments);
		return this;
	}

	/**
	 * The layer names this cause, and its fix contains every fragment.
	 */
	FaultRun cause(Layer layer, Cause cause, String... fixFragments) {
		CheckResult result = result(layer);
		assertThat(result.explanation()).as(describe()).isNotNull();
		assertThat(result.explanation().cause()).as(describe()).isEqualTo(cause);
		assertThat(result.details()).as(describe()).containsEntry("cause", cause.id());
		if (fixFragments.length > 0) {
			assertThat(result.explanation().fix()).as(describe()).contains(fixFragments);
		}
		return this;
	}

	/**
	 * Every DOWN layer names this cause, and its fix contains every fragment.
	 */
	FaultRun causeEverywhere(Cause cause, String... fixFragments) {
		this.snapshot.results().forEach((layer, result) -> {
			if (result.isDown()) {
				cause(layer, cause, fixFragments);
			}
		});
		return this;
	}

	/**
	 * The layer's fix and alternative name none of these settings: no wrong lead.
	 */
	FaultRun noLead(Layer layer, String... settings) {
		String advice = result(layer).details().get("fix") + " " + result(layer).details().get("alternative");
		if (settings.length > 0) {
			assertThat(advice).as(describe()).doesNotContain(settings);
		}
		return this;
	}

	/**
	 * The layer's alternative, on the other side, contains every fragment.
	 */
	FaultRun alternative(Layer layer, String... fragments) {
		assertThat(String.valueOf(result(layer).details().get("alternative"))).as(describe()).contains(fragments);
		return this;
	}

	/**
	 * {@code end-to-end} is up, so there is no cause to name.
	 */
	FaultRun noCause() {
		assertThat(result(Layer.END_TO_END).explanation()).as(describe()).isNull();
		return this;
	}

	String describe() {
		return Arrays.stream(Layer.values())
			.map((layer) -> layer.id() + "=" + result(layer).status() + " [" + result(layer).symptom() + "] "
					+ result(layer).reason() + " " + result(layer).explanation())
			.collect(Collectors.joining("; "));
	}

	/**
	 * The health components of a JSON answer that are DOWN.
	 */
	static Set<String> downComponents(JsonNode health) {
		return health.get("components")
			.propertyNames()
			.stream()
			.filter((name) -> "DOWN".equals(health.get("components").get(name).get("status").asString()))
			.collect(Collectors.toSet());
	}

}
