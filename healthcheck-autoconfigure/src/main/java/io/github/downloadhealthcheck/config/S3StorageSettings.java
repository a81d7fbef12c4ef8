package io.github.downloadhealthcheck.config;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.SendfileSettings;

/**
 * The {@code download.healthcheck.storage.s3.*} configuration, validated and resolved.
 *
 * @param bucket the bucket downloads and the dummy object are stored in
 * @param keyPrefix prefix of every key
 * @param region the store's region, {@code null} for the AWS SDK's region chain
 * @param endpoint the endpoint of an S3-compatible store, {@code null} for AWS
 * @param pathStyleAccess whether buckets are addressed in the path
 * @param accessKeyId the access key id, {@code null} for the SDK's credentials chain
 * @param secretAccessKey the secret access key, set exactly when the access key id is
 * @param presignValidity how long a presigned URL handed to the proxy stays valid
 * @param publicEndpoint the endpoint clients reach the store at, named in redirects;
 * {@code null} for the endpoint
 */
public record S3StorageSettings(String bucket, String keyPrefix, @Nullable String region, @Nullable URI endpoint,
		boolean pathStyleAccess, @Nullable String accessKeyId, @Nullable String secretAccessKey,
		Duration presignValidity, @Nullable URI publicEndpoint) {

	/**
	 * Settings whose clients reach the store at the application's endpoint.
	 * @param bucket the bucket downloads and the dummy object are stored in
	 * @param keyPrefix prefix of every key
	 * @param region the store's region, {@code null} for the AWS SDK's region chain
	 * @param endpoint the endpoint of an S3-compatible store, {@code null} for AWS
	 * @param pathStyleAccess whether buckets are addressed in the path
	 * @param accessKeyId the access key id, {@code null} for the SDK's credentials chain
	 * @param secretAccessKey the secret access key, set exactly when the access key id is
	 * @param presignValidity how long a presigned URL handed to the proxy stays valid
	 */
	public S3StorageSettings(String bucket, String keyPrefix, @Nullable String region, @Nullable URI endpoint,
			boolean pathStyleAccess, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			Duration presignValidity) {
		this(bucket, keyPrefix, region, endpoint, pathStyleAccess, accessKeyId, secretAccessKey, presignValidity, null);
	}

	private static final String PREFIX = "download.healthcheck.storage.s3.";

	/**
	 * Never shows the secret, wherever the settings are printed.
	 */
	@Override
	public String toString() {
		return "S3StorageSettings[bucket=" + this.bucket + ", keyPrefix=" + this.keyPrefix + ", region=" + this.region
				+ ", endpoint=" + this.endpoint + ", pathStyleAccess=" + this.pathStyleAccess + ", accessKeyId="
				+ this.accessKeyId + ", secretAccessKey=******, presignValidity=" + this.presignValidity
				+ ", publicEndpoint=" + this.publicEndpoint + "]";
	}

	/**
	 * Validates and resolves the properties.
	 * @param properties the properties as bound
	 * @param sendfile the sendfile settings, whose proxy must be able to hand objects off
	 * @return the settings
	 * @throws InvalidDownloadPropertyException naming the first invalid property
	 */
	public static S3StorageSettings from(S3StorageProperties properties, SendfileSettings sendfile) {
		String bucket = properties.getBucket();
		if (bucket == null || bucket.isBlank()) {
			throw new InvalidDownloadPropertyException(PREFIX + "bucket", bucket,
					"required with download.healthcheck.storage.type=s3",
					"Set it to the bucket downloads are stored in.");
		}
		if (sendfile.objectRedirect() == null && !sendfile.server().takesUri()) {
			throw new InvalidDownloadPropertyException("download.sendfile.server", sendfile.server().id(),
					sendfile.server().id() + " hands off local files only (X-Sendfile takes a file path), "
							+ "not objects of S3 storage (download.healthcheck.storage.type=s3)",
					"Put nginx or Caddy in front of object storage (download.sendfile.server=nginx), redirect "
							+ "clients to the store (download.sendfile.object-storage.mode=redirect), or serve "
							+ "downloads from a folder (download.healthcheck.storage.type=file-system).");
		}
		String accessKeyId = properties.getAccessKeyId();
		String secret = properties.getSecretAccessKey();
		if ((accessKeyId == null) != (secret == null)) {
			String missing = (accessKeyId == null) ? "access-key-id" : "secret-access-key";
			throw new InvalidDownloadPropertyException(PREFIX + missing, null,
					"set without its partner: static credentials need both",
					"Set both " + PREFIX + "access-key-id and " + PREFIX + "secret-access-key, or neither to use "
							+ "the AWS SDK's default credentials chain.");
		}
		Duration validity = properties.getPresignValidity();
		if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(7)) > 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "presign-validity", Urls.format(validity),
					"must be positive and at most 7 days (the SigV4 limit)", "Set a short duration such as 60s.");
		}
		URI endpoint = Urls.httpUrl(PREFIX + "endpoint", properties.getEndpoint(), "http://127.0.0.1:9000",
				PREFIX + "access-key-id and " + PREFIX + "secret-access-key");
		URI publicEndpoint = Urls.httpUrl(PREFIX + "public-endpoint", properties.getPublicEndpoint(),
				"https://s3.example.com", PREFIX + "access-key-id and " + PREFIX + "secret-access-key");
		return new S3StorageSettings(bucket, properties.getKeyPrefix(), properties.getRegion(), endpoint,
				properties.isPathStyleAccess(), accessKeyId, secret, validity, publicEndpoint);
	}

}
