package io.github.downloadhealthcheck.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;

/**
 * Builds the {@code download} composite: one component per layer, named after it.
 */
public final class DownloadHealthContributors {

	private DownloadHealthContributors() {
	}

	/**
	 * The composite contributor.
	 * @param monitor holds the snapshot every component reads
	 * @return the composite, components in layer order
	 */
	public static CompositeHealthContributor composite(DownloadHealthMonitor monitor) {
		Map<String, HealthContributor> components = new LinkedHashMap<>();
		for (Layer layer : Layer.values()) {
			components.put(layer.id(), new LayerHealthIndicator(monitor, layer));
		}
		return CompositeHealthContributor.fromMap(components);
	}

}
