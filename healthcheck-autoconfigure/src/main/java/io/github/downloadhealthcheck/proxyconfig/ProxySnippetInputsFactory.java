package io.github.downloadhealthcheck.proxyconfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;
import io.github.downloadhealthcheck.storage.FileSystemStorage;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;

/**
 * Reads the snippet inputs from the resolved settings: the proxy's address from the
 * {@code end-to-end} (or {@code proxy}) URL, the application's from the {@code backend}
 * URL, and the dummy file where the sendfile rules say the proxy sees it.
 */
public final class ProxySnippetInputsFactory implements Supplier<ProxySnippetInputs> {

	static final String DEFAULT_DUMMY_LOCATION = "/healthcheck-utils/dummy-file";

	private final DownloadHealthSettings settings;

	private final SendfileResponder responder;

	private final Supplier<@Nullable URI> backendUrl;

	/**
	 * Creates the factory.
	 * @param settings the resolved settings
	 * @param responder the application's sendfile responder, whose rules the snippets
	 * serve
	 * @param backendUrl the healthcheck view on the application's own port, {@code null}
	 * until known
	 */
	public ProxySnippetInputsFactory(DownloadHealthSettings settings, SendfileResponder responder,
			Supplier<@Nullable URI> backendUrl) {
		this.settings = settings;
		this.responder = responder;
		this.backendUrl = backendUrl;
	}

	@Override
	public ProxySnippetInputs get() {
		URI proxy = (this.settings.endToEnd().url() != null) ? this.settings.endToEnd().url()
				: this.settings.proxy().url();
		URI backend = this.backendUrl.get();
		String upstream = (backend != null) ? backend.getHost() + ":" + Urls.effectivePort(backend)
				: "127.0.0.1:<application port>";
		URI dummyUrl = this.settings.proxy().url();
		String dummyLocation = (dummyUrl != null && dummyUrl.getRawPath() != null && !dummyUrl.getRawPath().isEmpty())
				? dummyUrl.getRawPath() : DEFAULT_DUMMY_LOCATION;
		SendfileSettings sendfile = this.responder.settings();
		return new ProxySnippetInputs((proxy != null) ? proxy.getHost() : null,
				(proxy != null) ? Urls.effectivePort(proxy) : 80, upstream, sendfile.rules(), dummyLocation,
				dummyRoot(), this.settings.dummy().path());
	}

	/**
	 * The storage root as the proxy sees it: a proxy reading from a folder of its own
	 * (Apache, lighttpd) sees the application's source folder under the rule's
	 * destination.
	 */
	private String dummyRoot() {
		Path root = this.settings.storage().root();
		if (root == null) {
			return "<storage root>";
		}
		Path absolute = root.toAbsolutePath().normalize();
		SendfileDecision decision = this.responder.decide(new FileSystemStorage(absolute),
				this.settings.dummy().path());
		if (decision instanceof SendfileDecision.HandOff handOff && !handOff.server().takesUri()) {
			Path below = Path.of(handOff.storage()).relativize(absolute);
			return below.toString().isEmpty() ? handOff.destination() : handOff.destination() + "/" + below;
		}
		return absolute.toString();
	}

}
