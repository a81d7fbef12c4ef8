package io.github.downloadhealthcheck.storage;

import java.net.URI;

/**
 * A storage of objects, such as an S3 bucket, whose objects a reverse proxy fetches over
 * HTTP with a short-lived presigned URL: the proxy needs no credentials, and the URL is
 * worth nothing once expired.
 */
public interface ObjectStorage extends DownloadStorage {

	/**
	 * A URL that GETs one object without credentials until it expires.
	 * @param relativePath path of the object below the storage's key prefix
	 * @return the presigned URL, its path and query already percent-encoded
	 */
	URI presignGet(String relativePath);

	/**
	 * The object's plain URL, unsigned: the same as {@link #presignGet(String)} without
	 * its query.
	 * @param relativePath path of the object below the storage's key prefix
	 * @return the URL, its path already percent-encoded
	 */
	URI url(String relativePath);

	/**
	 * A URL that HEADs one object without credentials until it expires: the proxy passes
	 * a client's HEAD on as HEAD, which a URL signed for GET does not allow.
	 * @param relativePath path of the object below the storage's key prefix
	 * @return the presigned URL, its path and query already percent-encoded
	 */
	default URI presignHead(String relativePath) {
		throw new UnsupportedOperationException(describe() + " cannot presign a HEAD");
	}

	/**
	 * A URL a client follows to the store's public endpoint, which is not necessarily the
	 * one the application talks to: for the redirect hand-off.
	 * @param relativePath path of the object below the storage's key prefix
	 * @param request what the URL is signed for
	 * @return the presigned URL, its path and query already percent-encoded
	 */
	default URI presignForClient(String relativePath, ClientPresign request) {
		throw new UnsupportedOperationException(describe() + " cannot presign URLs for clients");
	}

	/**
	 * The object's plain URL on the public endpoint, unsigned: the same as
	 * {@link #presignForClient} without its query.
	 * @param relativePath path of the object below the storage's key prefix
	 * @return the URL, its path already percent-encoded
	 */
	default URI publicUrl(String relativePath) {
		return url(relativePath);
	}

	/**
	 * Where clients reach the store, for messages.
	 * @return a short description, never containing credentials
	 */
	default String describePublic() {
		return describe();
	}

}
