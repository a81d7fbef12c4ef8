package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.proxyconfig.ProxySnippetInputs;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileMapper;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Reads the snippet inputs from the validated settings: the proxy's address from the
 * {@code end-to-end} (or {@code proxy}) URL, the application's from the {@code backend} URL,
 * and the dummy file where the sendfile rules say the proxy sees it.
 */
final class ProxySnippetInputsFactory implements Supplier<ProxySnippetInputs> {

	static final String DEFAULT_DUMMY_LOCATION = "/healthcheck-utils/dummy-file";

	private final HealthcheckSettings settings;

	private final SendfileMapper mapper;

	private final Supplier<@Nullable URI> backendUrl;

	ProxySnippetInputsFactory(HealthcheckSettings settings, SendfileMapper mapper, Supplier<@Nullable URI> backendUrl) {
		this.settings = settings;
		this.mapper = mapper;
		this.backendUrl = backendUrl;
	}

	@Override
	public ProxySnippetInputs get() {
		URI proxy = (this.settings.endToEndUrl() != null) ? this.settings.endToEndUrl() : this.settings.proxyUrl();
		URI backend = this.backendUrl.get();
		String upstream = (backend != null) ? backend.getHost() + ":" + port(backend)
				: "127.0.0.1:<application port>";
		URI dummyUrl = this.settings.proxyUrl();
		String dummyLocation = (dummyUrl != null && dummyUrl.getRawPath() != null && !dummyUrl.getRawPath().isEmpty())
				? dummyUrl.getRawPath() : DEFAULT_DUMMY_LOCATION;
		return new ProxySnippetInputs((proxy != null) ? proxy.getHost() : null, (proxy != null) ? port(proxy) : 80,
				upstream, this.mapper.rules(), dummyLocation, dummyRoot(), this.settings.dummyPath());
	}

	/**
	 * The storage root as the proxy sees it: a proxy reading from a folder of its own (Apache,
	 * lighttpd) sees the application's source folder under the rule's destination.
	 */
	private String dummyRoot() {
		Path root = this.settings.storageRoot();
		if (root == null) {
			return "<storage root>";
		}
		SendfileDecision decision = this.mapper.decide(root, this.settings.dummyPath());
		if (decision instanceof SendfileDecision.HandOff handOff
				&& handOff.rule().server().destinationKind() == SendfileServer.DestinationKind.FOLDER) {
			SendfileRule rule = handOff.rule();
			Path below = rule.source().relativize(root.toAbsolutePath().normalize());
			return below.toString().isEmpty() ? rule.destination() : rule.destination() + "/" + below;
		}
		return root.toAbsolutePath().normalize().toString();
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
