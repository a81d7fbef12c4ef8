package io.github.downloadhealthcheck.proxyconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * The proxy configuration the application expects: one snippet per proxy its sendfile
 * rules hand off to, rendered on demand because the application's own port is known only
 * once its web server runs.
 */
public final class ExpectedProxyConfig {

	private final List<SendfileServer> servers;

	private final Supplier<ProxySnippetInputs> inputs;

	private final boolean redirect;

	/**
	 * Creates the expected configuration.
	 * @param servers the proxies in use, in the order of the rules
	 * @param inputs the settings the snippets are made of, read at each rendering
	 */
	public ExpectedProxyConfig(List<SendfileServer> servers, Supplier<ProxySnippetInputs> inputs) {
		this(servers, inputs, false);
	}

	/**
	 * Creates the expected configuration.
	 * @param servers the proxies in use, in the order of the rules
	 * @param inputs the settings the snippets are made of, read at each rendering
	 * @param redirect whether objects are redirected to (the redirect hand-off), which
	 * adds the ingress's snippet ({@code haproxy})
	 */
	public ExpectedProxyConfig(List<SendfileServer> servers, Supplier<ProxySnippetInputs> inputs, boolean redirect) {
		this.servers = List.copyOf(servers);
		this.inputs = inputs;
		this.redirect = redirect;
	}

	/**
	 * The proxies in use.
	 * @return the proxies, in the order of the rules
	 */
	public List<SendfileServer> servers() {
		return this.servers;
	}

	/**
	 * One snippet per proxy in use.
	 * @return snippets by proxy id, e.g. {@code nginx}
	 */
	public Map<String, String> snippets() {
		ProxySnippetInputs current = this.inputs.get();
		Map<String, String> snippets = new LinkedHashMap<>();
		for (SendfileServer server : this.servers) {
			snippets.put(server.id(), ProxySnippets.render(server, current));
		}
		if (this.redirect) {
			snippets.put(RedirectSnippets.HAPROXY, RedirectSnippets.haproxy(current));
		}
		return snippets;
	}

}
