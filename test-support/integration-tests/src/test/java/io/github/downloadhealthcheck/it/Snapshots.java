package io.github.downloadhealthcheck.it;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

/**
 * What the integration tests read from a snapshot: the layers not up, the suspect, and a
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

	static @Nullable String suspect(DownloadHealthSnapshot snapshot) {
		Object suspect = snapshot.results().get(Layer.END_TO_END).extra().get("suspect");
		return (suspect != null) ? suspect.toString() : null;
	}

	static String describe(DownloadHealthSnapshot snapshot) {
		return Arrays.stream(Layer.values())
			.map((layer) -> layer.id() + "=" + snapshot.results().get(layer).status() + " "
					+ snapshot.results().get(layer).reason())
			.collect(Collectors.joining("; "));
	}

}
