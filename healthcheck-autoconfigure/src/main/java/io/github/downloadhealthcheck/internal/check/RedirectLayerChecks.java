package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.http.HttpProbe;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The four layer checks of the redirect hand-off: {@code storage} as for every object
 * store; {@code backend} the view's redirect, called directly; {@code proxy} the store as
 * clients reach it; {@code end-to-end} the redirect through the ingress, followed once.
 */
final class RedirectLayerChecks {

	private RedirectLayerChecks() {
	}

	static List<LayerCheck> create(DownloadHealthSettings settings, SendfileDecision.Redirect expected,
			ObjectStorage storage, DummyFile dummy, HttpProbe probe, Supplier<@Nullable URI> backendUrl,
			@Nullable String viewUnavailable, Clock clock) {
		RedirectExpectation expectation = new RedirectExpectation(expected);
		LayerCheck backend = (viewUnavailable != null)
				? new NotConfiguredCheck(Layer.BACKEND, "not checked: " + viewUnavailable, clock)
				: new RedirectBackendCheck(probe, backendUrl, expectation, settings.backend().timeout(), clock);
		URI endToEndUrl = settings.endToEnd().url();
		LayerCheck endToEnd = (endToEndUrl != null)
				? new RedirectEndToEndCheck(probe, endToEndUrl, expectation, storage.describePublic(), dummy,
						settings.endToEnd().timeout(), clock)
				: new NotConfiguredCheck(Layer.END_TO_END, "not configured: set download.healthcheck.end-to-end.url "
						+ "to the healthcheck view's URL through the ingress", clock);
		return List.of(new StorageCheck(storage, dummy, settings.storage().timeout(), clock), backend,
				new RedirectStoreCheck(probe, storage, dummy, expected.lifetime(), settings.proxy().timeout(), clock),
				endToEnd);
	}

}
