package io.github.downloadhealthcheck.internal.check;

import java.net.URI;
import java.util.function.UnaryOperator;

import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * Adds a fresh presigned query for the dummy object to the {@code proxy} check's URL. The
 * proxy's location for that check proxies to the dummy object's fixed path in the store
 * and passes the query on: it needs no credentials, and serves nothing but the dummy
 * object, and that only while the signature is valid.
 */
final class PresignedDummyUrl implements UnaryOperator<URI> {

	private final ObjectStorage storage;

	private final String dummyPath;

	PresignedDummyUrl(ObjectStorage storage, String dummyPath) {
		this.storage = storage;
		this.dummyPath = dummyPath;
	}

	@Override
	public URI apply(URI url) {
		String query = this.storage.presignGet(this.dummyPath).getRawQuery();
		if (query == null) {
			return url;
		}
		String base = url.toString();
		return URI.create(base + ((url.getRawQuery() != null) ? "&" : "?") + query);
	}

}
