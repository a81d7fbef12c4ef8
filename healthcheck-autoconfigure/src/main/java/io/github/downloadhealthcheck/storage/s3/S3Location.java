package io.github.downloadhealthcheck.storage.s3;

/**
 * Where the objects are: a bucket, and a key prefix every key starts with.
 *
 * @param bucket the bucket
 * @param keyPrefix prepended to every relative path, empty or ending with {@code /}
 */
public record S3Location(String bucket, String keyPrefix) {

	/**
	 * Creates a location; a prefix without a trailing slash gets one.
	 */
	public S3Location {
		keyPrefix = keyPrefix.replaceFirst("^/+", "");
		if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
			keyPrefix = keyPrefix + "/";
		}
	}

	/**
	 * The key of a path relative to the prefix.
	 * @param relativePath the path, '/'-separated
	 * @return the full key
	 */
	public String key(String relativePath) {
		return this.keyPrefix + relativePath.replaceFirst("^/+", "");
	}

}
