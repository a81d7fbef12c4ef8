package io.github.downloadhealthcheck.proxyconfig;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/downloadproxy}: the reverse-proxy configuration this application
 * expects, rendered from its sendfile rules and check settings. Like every endpoint it is
 * reachable only once exposed ({@code management.endpoints.web.exposure.include}); it
 * names storage folders, so expose it where operators, not users, reach it.
 */
@Endpoint(id = "downloadproxy")
public final class DownloadProxyEndpoint {

	private final ExpectedProxyConfig expected;

	/**
	 * Creates the endpoint.
	 * @param expected the expected proxy configuration
	 */
	public DownloadProxyEndpoint(ExpectedProxyConfig expected) {
		this.expected = expected;
	}

	/**
	 * Every snippet, by proxy.
	 * @return {@code snippets}: proxy id to configuration text
	 */
	@ReadOperation
	public Map<String, Object> snippets() {
		return Map.of("snippets", this.expected.snippets());
	}

	/**
	 * One proxy's snippet as plain text, ready to paste.
	 * @param server the proxy id, e.g. {@code nginx}
	 * @return the text, {@code null} (404) when no rule hands off to that proxy
	 */
	@ReadOperation(produces = "text/plain")
	public @Nullable String snippet(@Selector String server) {
		return this.expected.snippets().get(server);
	}

}
