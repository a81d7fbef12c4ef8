package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.util.EnumMap;
import java.util.Map;

/**
 * Puts every DOWN layer of one refresh down to a {@link Cause}, in every hand-off mode,
 * from the typed {@link Evidence} its check recorded and what the other layers proved. A
 * layer further from the client explains the failures of the layers that depend on it:
 * then the dependent layer carries the same cause and says which layer explains it.
 */
public final class Diagnoser {

	private Diagnoser() {
	}

	/**
	 * The results of one refresh, each DOWN one carrying its explanation.
	 * @param results one result per layer
	 * @param context the configured places and the proxy's words
	 * @return the results, explained
	 */
	public static Map<Layer, CheckResult> diagnose(Map<Layer, CheckResult> results, DiagnosisContext context) {
		Map<Layer, Explanation> explained = explain(results, context);
		Map<Layer, CheckResult> diagnosed = new EnumMap<>(Layer.class);
		results.forEach((layer, result) -> {
			Explanation explanation = explained.get(layer);
			diagnosed.put(layer, (explanation != null) ? result.explainedBy(explanation) : result);
		});
		return diagnosed;
	}

	/**
	 * Explains the DOWN layers of one refresh.
	 * @param results one result per layer
	 * @param context the configured places and the proxy's words
	 * @return one explanation per DOWN layer
	 */
	public static Map<Layer, Explanation> explain(Map<Layer, CheckResult> results, DiagnosisContext context) {
		Map<Layer, Explanation> explained = new EnumMap<>(Layer.class);
		CheckResult storage = results.get(Layer.STORAGE);
		CheckResult backend = results.get(Layer.BACKEND);
		CheckResult proxy = results.get(Layer.PROXY);
		CheckResult endToEnd = results.get(Layer.END_TO_END);
		if (storage != null && storage.isDown()) {
			explained.put(Layer.STORAGE, StorageCauses.explain(storage, context));
		}
		if (backend != null && backend.isDown()) {
			explained.put(Layer.BACKEND, BackendCauses.explain(backend, context));
		}
		if (proxy != null && proxy.isDown()) {
			Explanation storageExplains = explained.get(Layer.STORAGE);
			// A proxy reading from a hung storage hangs with it; other transport failures
			// are the proxy's own.
			if (storageExplains != null && (!Observed.isTransport(proxy)
					|| (storageExplains.cause() == Cause.STORAGE_HANGS && proxy.symptom() == Symptom.TIMEOUT))) {
				explained.put(Layer.PROXY, storageExplains.via(Layer.STORAGE));
			}
			else {
				explained.put(Layer.PROXY, ProxyCauses.explain(proxy, storage, context));
			}
		}
		if (endToEnd != null && endToEnd.isDown()) {
			explained.put(Layer.END_TO_END, context.redirect() ? RedirectCauses.endToEnd(endToEnd, results, explained)
					: EndToEndCauses.explain(endToEnd, results, explained, context));
		}
		return explained;
	}

}
