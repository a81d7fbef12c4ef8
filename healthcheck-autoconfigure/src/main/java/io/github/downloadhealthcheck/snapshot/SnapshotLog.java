package io.github.downloadhealthcheck.snapshot;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.FindingReport;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.check.LayerCheck;
import io.github.downloadhealthcheck.internal.check.NotConfiguredCheck;

/**
 * The log lines of the monitor: a layer's change of status with its cause, and a finding
 * when it appears and when it goes, each once, not on every refresh: a log repeating the
 * same warning every few seconds gets filtered, and then nobody reads it.
 */
final class SnapshotLog {

	/** Named after the monitor, which users configure logging for. */
	private static final Log logger = LogFactory.getLog(DownloadHealthMonitor.class);

	private SnapshotLog() {
	}

	/**
	 * An unconfigured layer is reported {@code UNKNOWN}, which Spring Boot's aggregation
	 * ranks below {@code UP}: {@code download} then reads {@code UP} with that layer
	 * unchecked, so the log says so, naming the property to set.
	 */
	static void uncheckedLayers(List<LayerCheck> checks) {
		for (LayerCheck check : checks) {
			if (check instanceof NotConfiguredCheck notConfigured) {
				logger.warn(LogMessage.format("Download health layer '%s' is not checked, so 'download' can be UP "
						+ "while it is broken: %s", check.layer().id(), notConfigured.reason()));
			}
		}
	}

	static void changes(@Nullable DownloadHealthSnapshot previous, DownloadHealthSnapshot current) {
		current.results().forEach((layer, result) -> {
			CheckResult before = (previous != null) ? previous.results().get(layer) : null;
			finding(layer, before, result);
			CheckStatus had = (before != null) ? before.status() : null;
			if (had == result.status()) {
				return;
			}
			if (result.isDown()) {
				logger.warn("Download health " + layer.id() + " is DOWN: " + result.reason() + cause(result));
			}
			else if (logger.isInfoEnabled()) {
				logger.info("Download health " + layer.id() + " is " + result.status()
						+ ((result.reason() != null) ? ": " + result.reason() : ""));
			}
		});
	}

	private static void finding(Layer layer, @Nullable CheckResult before, CheckResult now) {
		FindingReport had = (before != null) ? before.finding() : null;
		FindingReport has = now.finding();
		if (has != null && (had == null || had.finding() != has.finding())) {
			logger.warn("Download health " + layer.id() + " SECURITY FINDING " + has.finding().id() + ": "
					+ has.reason() + " (fix: " + has.fix() + ")");
		}
		if (had != null && (has == null || has.finding() != had.finding()) && now.isUp()) {
			logger.warn("Download health " + layer.id() + " finding " + had.finding().id() + " is resolved");
		}
	}

	private static String cause(CheckResult result) {
		Explanation explanation = result.explanation();
		return (explanation != null) ? " (cause: " + explanation.cause().id() + "; fix: " + explanation.fix() + ")"
				: "";
	}

}
