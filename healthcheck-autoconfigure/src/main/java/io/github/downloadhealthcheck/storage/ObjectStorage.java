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

}
