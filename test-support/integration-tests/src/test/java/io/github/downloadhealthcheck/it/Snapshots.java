package io.github.downloadhealthcheck.it;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

/**
 * What the integration tests read from a snapshot: the layers not up, the cause, and a
 * one-line description for assertion messages.
 */
final class Snapshots {

	private Snapshots() {
	}

	static Set<Layer> downLayers(DownloadHealthSnapshot snapshot) {
		Set<Layer> down = EnumSet.noneOf(Layer.class);
		snapshot.results().forEach((layer, result) -> {
			if (!result.isUp()) {
				down.add(layer);
			}
		});
		return down;
	}

	/**
	 * The cause id of {@code end-to-end}, {@code null} when it is not explained.
	 */
	static @Nullable String cause(DownloadHealthSnapshot snapshot) {
		Explanation explanation = snapshot.results().get(Layer.END_TO_END).explanation();
		return (explanation != null) ? explanation.cause().id() : null;
	}

	/**
	 * The layer whose failure explains {@code end-to-end}'s, {@code null} when its own.
	 */
	static @Nullable Layer explainedBy(DownloadHealthSnapshot snapshot) {
		Explanation explanation = snapshot.results().get(Layer.END_TO_END).explanation();
		return (explanation != null) ? explanation.explainedBy() : null;
	}

	static String describe(DownloadHealthSnapshot snapshot) {
		return Arrays.stream(Layer.values())
			.map((layer) -> layer.id() + "=" + snapshot.results().get(layer).status() + " "
					+ snapshot.results().get(layer).reason())
			.collect(Collectors.joining("; "));
	}

}
