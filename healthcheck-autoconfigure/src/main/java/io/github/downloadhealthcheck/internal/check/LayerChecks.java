package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.internal.diagnosis.DiagnosisContext;
import io.github.downloadhealthcheck.internal.http.HttpProbe;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The four layer checks and the diagnosis context, built from the resolved settings: the
 * one place that decides which checks the configuration calls for. A layer whose
 * configuration is missing gets a {@link NotConfiguredCheck} naming what to set, never a
 * silent {@code UP}.
 *
 * @param checks one check per layer, in layer order
 * @param context what the diagnosis names in its fixes
 */
public record LayerChecks(List<LayerCheck> checks, DiagnosisContext context) {

	/**
	 * Creates the checks.
	 * @param settings the resolved settings
	 * @param responder the application's sendfile responder, whose decision for the dummy
	 * file the checks expect
	 * @param storage the storage, {@code null} when none is configured
	 * @param dummy the dummy file
	 * @param probe sends the HTTP checks' requests
	 * @param backendUrl the healthcheck view on the application's own port, {@code null}
	 * until known
	 * @param viewUnavailable why no healthcheck view is served, {@code null} when one is
	 * @param clock stamps results
	 * @return the checks
	 */
	public static LayerChecks create(DownloadHealthSettings settings, SendfileResponder responder,
			@Nullable DownloadStorage storage, DummyFile dummy, HttpProbe probe, Supplier<@Nullable URI> backendUrl,
			@Nullable String viewUnavailable, Clock clock) {
		String path = settings.dummy().path();
		if (storage == null) {
			String none = "no storage: set download.healthcheck.storage.root, or download.sendfile.rules[0].source, "
					+ "to the folder downloads are stored in";
			return new LayerChecks(
					List.of(new NotConfiguredCheck(Layer.STORAGE, "not configured: " + none, clock),
							new NotConfiguredCheck(Layer.BACKEND, "nothing to check: " + none, clock),
							proxy(settings, null, probe, dummy, null, clock),
							endToEnd(settings, null, null, probe, dummy, clock)),
					context(new SendfileDecision.Refused(none), "the storage", responder, false));
		}
		ObjectStorage objects = (storage instanceof ObjectStorage objectStorage) ? objectStorage : null;
		SendfileDecision decision = responder.expected(storage, path);
		if (objects != null && decision instanceof SendfileDecision.Redirect redirect) {
			return new LayerChecks(RedirectLayerChecks.create(settings, redirect, objects, dummy, probe, backendUrl,
					viewUnavailable, clock), context(decision, storage.describe(), responder, true));
		}
		LayerCheck backend = (viewUnavailable != null)
				? new NotConfiguredCheck(Layer.BACKEND, "not checked: " + viewUnavailable, clock)
				: new BackendCheck(probe, backendUrl, BackendExpectation.from(decision), dummy,
						settings.backend().timeout(), clock);
		return new LayerChecks(
				List.of(new StorageCheck(storage, dummy, settings.storage().timeout(), clock), backend,
						proxy(settings, objects, probe, dummy, decision, clock),
						endToEnd(settings, objects, decision, probe, dummy, clock)),
				context(decision, storage.describe(), responder, objects != null));
	}

	private static LayerCheck proxy(DownloadHealthSettings settings, @Nullable ObjectStorage objects, HttpProbe probe,
			DummyFile dummy, @Nullable SendfileDecision decision, Clock clock) {
		URI url = settings.proxy().url();
		if (url == null) {
			return new NotConfiguredCheck(Layer.PROXY, "not configured: set download.healthcheck.proxy.url to the "
					+ "proxy location that serves the dummy file straight from storage", clock);
		}
		UnaryOperator<URI> presign = (objects != null) ? new PresignedDummyUrl(objects, settings.dummy().path())
				: UnaryOperator.identity();
		URI handOff = (settings.proxy().checkExposure() && decision != null) ? HandOffUri.of(url, decision) : null;
		return new ProxyCheck(probe, url, presign, handOff, (objects != null) ? objects.describe() : null, dummy,
				settings.proxy().timeout(), clock);
	}

	private static LayerCheck endToEnd(DownloadHealthSettings settings, @Nullable ObjectStorage objects,
			@Nullable SendfileDecision decision, HttpProbe probe, DummyFile dummy, Clock clock) {
		URI url = settings.endToEnd().url();
		if (url == null) {
			return new NotConfiguredCheck(Layer.END_TO_END, "not configured: set download.healthcheck.end-to-end.url "
					+ "to the healthcheck view's URL through the proxy", clock);
		}
		ProxyHints hints = (objects == null && decision instanceof SendfileDecision.HandOff handOff) ? handOff.hints()
				: null;
		EndToEndCheck check = new EndToEndCheck(probe, url, hints, (objects != null) ? objects.describe() : null, dummy,
				settings.endToEnd().timeout(), clock);
		// A HEAD of an object reaches the store: it needs its own signature.
		return (objects != null) ? new HeadStep(check, probe, url, objects.describe()) : check;
	}

	/**
	 * Fixes speak the words of the proxy the dummy file is handed off to, so a mixed
	 * setup is diagnosed in terms of the rule the healthcheck view really uses.
	 */
	private static DiagnosisContext context(SendfileDecision decision, String storage, SendfileResponder responder,
			boolean objectStorage) {
		boolean redirect = decision instanceof SendfileDecision.Redirect;
		if (decision instanceof SendfileDecision.HandOff handOff) {
			return new DiagnosisContext(storage, handOff.destination(), handOff.hints(), objectStorage, redirect);
		}
		return new DiagnosisContext(storage, "the rule's destination",
				responder.settings().server().hints("the rule's destination", "<storage root>"), objectStorage,
				redirect);
	}

}
