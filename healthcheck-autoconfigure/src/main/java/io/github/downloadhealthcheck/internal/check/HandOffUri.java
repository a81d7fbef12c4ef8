package io.github.downloadhealthcheck.internal.check;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.SendfileDecision;

/**
 * Where a client would reach the dummy file if the proxy served its hand-off location
 * publicly: the origin of the proxy URL plus the hand-off header's value. Only proxies
 * that take a URI in the header have one; an {@code X-Sendfile} path names a file, not a
 * URI, and exposes nothing.
 */
final class HandOffUri {

	private HandOffUri() {
	}

	static @Nullable URI of(URI proxyUrl, SendfileDecision decision) {
		if (!(decision instanceof SendfileDecision.HandOff handOff) || handOff.signed() || !handOff.server().takesUri()
				|| !handOff.headerValue().startsWith("/")) {
			return null;
		}
		try {
			URI origin = new URI(proxyUrl.getScheme(), proxyUrl.getRawAuthority(), null, null, null);
			return URI.create(origin + handOff.headerValue());
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			// A value that is no valid URI path cannot be requested either.
			return null;
		}
	}

}
