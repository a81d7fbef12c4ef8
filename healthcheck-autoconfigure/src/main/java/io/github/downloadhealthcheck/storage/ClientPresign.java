package io.github.downloadhealthcheck.storage;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * What a presigned URL handed to a client, rather than to the proxy, is signed for.
 *
 * @param method {@code GET}, or {@code HEAD} for a client that asks for the headers only
 * @param lifetime how long the URL stays valid
 * @param contentDisposition the {@code Content-Disposition} the store answers with (S3's
 * {@code response-content-disposition}), {@code null} for the object's own
 */
public record ClientPresign(HttpMethod method, Duration lifetime, @Nullable String contentDisposition) {

	/**
	 * Creates the request; only GET and HEAD read an object.
	 */
	public ClientPresign {
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			throw new IllegalArgumentException("Only GET and HEAD can be presigned for a download, not " + method);
		}
	}

}
