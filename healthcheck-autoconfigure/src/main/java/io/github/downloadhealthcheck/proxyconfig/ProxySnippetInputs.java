package io.github.downloadhealthcheck.proxyconfig;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.SendfileRule;

/**
 * What a proxy configuration snippet is made of, all taken from the application's
 * settings.
 *
 * @param listenHost the host the proxy listens on, {@code null} for every interface
 * @param listenPort the port the proxy listens on
 * @param upstream the application's {@code host:port}
 * @param rules every sendfile rule, in order; a snippet takes those of its proxy
 * @param dummyLocation the public path serving the dummy file, for the {@code proxy}
 * check
 * @param dummyRoot the storage folder holding the dummy file, as the proxy sees it
 * @param dummyPath the dummy file below that folder
 */
public record ProxySnippetInputs(@Nullable String listenHost, int listenPort, String upstream, List<SendfileRule> rules,
		String dummyLocation, String dummyRoot, String dummyPath) {

	/**
	 * Creates the inputs; the rules are copied.
	 */
	public ProxySnippetInputs {
		rules = List.copyOf(rules);
	}

	/**
	 * The dummy file's absolute path as the proxy sees it.
	 * @return the path
	 */
	public String dummyFile() {
		return this.dummyRoot + "/" + this.dummyPath;
	}

	/**
	 * {@code host:port} to listen on, or the port alone for every interface.
	 * @return the address
	 */
	public String listen() {
		return (this.listenHost != null) ? this.listenHost + ":" + this.listenPort : Integer.toString(this.listenPort);
	}

}
