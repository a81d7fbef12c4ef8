package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.BackendCheck;
import io.github.downloadhealthcheck.check.BackendExpectation;
import io.github.downloadhealthcheck.check.DiagnosisContext;
import io.github.downloadhealthcheck.check.EndToEndCheck;
import io.github.downloadhealthcheck.check.HttpProbe;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.LayerCheck;
import io.github.downloadhealthcheck.check.NotConfiguredCheck;
import io.github.downloadhealthcheck.check.ProxyCheck;
import io.github.downloadhealthcheck.check.StorageCheck;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.sendfile.SendfileServer;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The four layer checks and the diagnosis context, built from the validated settings: the one
 * place that decides which flavour of each check the configuration calls for (a folder or an
 * object store; a URI-style or a path-style hand-off), so the Spring wiring stays thin.
 *
 * @param checks one check per layer, in layer order
 * @param context what the diagnosis names in its fixes
 */
record LayerChecks(List<LayerCheck> checks, DiagnosisContext context) {

	static LayerChecks create(HealthcheckSettings settings, DownloadHealthcheckProperties properties,
			SendfileServer defaultServer, SendfileMapper mapper, SendfileResponder responder,
			@Nullable DownloadStorage store, DummyFile dummy, HttpProbe probe, Supplier<@Nullable URI> backendUrl,
			Clock clock) {
		Path root = settings.storageRoot();
		ObjectStorage objects = (store instanceof ObjectStorage objectStorage) ? objectStorage : null;
		SendfileDecision decision = (objects != null) ? responder.objects().expected(objects, settings.dummyPath())
				: (root != null) ? mapper.decide(root, settings.dummyPath())
						: new SendfileDecision.Refused("no storage root (download.healthcheck.storage.root)");
		LayerCheck storageCheck = (store != null)
				? new StorageCheck(store, dummy, settings.timeout(Layer.STORAGE), clock)
				: new NotConfiguredCheck(Layer.STORAGE, "not configured: set download.healthcheck.storage.root, or "
						+ "download.sendfile.rules[0].source, to the folder downloads are stored in", clock);
		LayerCheck backendCheck = new BackendCheck(probe, backendUrl, BackendExpectation.from(decision), dummy,
				settings.timeout(Layer.BACKEND), clock);
		String storageName = (store != null) ? store.describe() : "the storage";
		if (objects != null) {
			String objectStore = objects.describe();
			UnaryOperator<URI> presign = new PresignedDummyUrl(objects, settings.dummyPath());
			return new LayerChecks(List.of(storageCheck, backendCheck,
					new ProxyCheck(probe, settings.proxyUrl(), presign, objectStore, dummy,
							settings.timeout(Layer.PROXY), clock),
					new EndToEndCheck(probe, settings.endToEndUrl(), objectStore, dummy,
							settings.timeout(Layer.END_TO_END), clock)),
					new DiagnosisContext(storageName, responder.objects().destination(), true));
		}
		return new LayerChecks(List.of(storageCheck, backendCheck,
				new ProxyCheck(probe, settings.proxyUrl(),
						HandOffUri.of(settings.proxyUrl(), decision, properties.getProxy().isCheckExposure()), dummy,
						settings.timeout(Layer.PROXY), clock),
				new EndToEndCheck(probe, settings.endToEndUrl(), dummy, settings.timeout(Layer.END_TO_END), clock,
						ProxySettingHints.forDummy(decision))),
				ProxySettingHints.diagnosisContext(decision, storageName, defaultServer));
	}

}
