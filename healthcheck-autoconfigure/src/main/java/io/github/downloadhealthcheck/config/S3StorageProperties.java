package io.github.downloadhealthcheck.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The S3-compatible object storage used when download.healthcheck.storage.type=s3.
 */
@ConfigurationProperties("download.healthcheck.storage.s3")
public class S3StorageProperties {

	/**
	 * Bucket the downloads and the dummy object are stored in. Required.
	 */
	private @Nullable String bucket;

	/**
	 * Prefix of every key, e.g. 'downloads/'. The dummy object goes below it too.
	 */
	private String keyPrefix = "";

	/**
	 * Region of the store. Defaults to the AWS SDK's region provider chain
	 * (AWS_REGION...).
	 */
	private @Nullable String region;

	/**
	 * Endpoint of an S3-compatible store other than AWS, e.g. http://127.0.0.1:9000.
	 */
	private @Nullable String endpoint;

	/**
	 * Endpoint of the store as clients reach it, named in the presigned URLs of the
	 * redirect hand-off (download.sendfile.object-storage.mode=redirect), e.g.
	 * https://s3.example.com. Defaults to the endpoint.
	 */
	private @Nullable String publicEndpoint;

	/**
	 * Whether to address buckets in the path (http://host/bucket/key) rather than in the
	 * host name; most S3-compatible stores need it.
	 */
	private boolean pathStyleAccess = false;

	/**
	 * Access key id. Unset, the AWS SDK's default credentials chain is used.
	 */
	private @Nullable String accessKeyId;

	/**
	 * Secret access key, with access-key-id. Never shown in health details or logs.
	 */
	private @Nullable String secretAccessKey;

	/**
	 * How long a presigned URL handed to the proxy stays valid. Short: the proxy uses it
	 * at once.
	 */
	private Duration presignValidity = Duration.ofSeconds(60);

	public @Nullable String getBucket() {
		return this.bucket;
	}

	public void setBucket(@Nullable String bucket) {
		this.bucket = bucket;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getPublicEndpoint() {
		return this.publicEndpoint;
	}

	public void setPublicEndpoint(@Nullable String publicEndpoint) {
		this.publicEndpoint = publicEndpoint;
	}

	public boolean isPathStyleAccess() {
		return this.pathStyleAccess;
	}

	public void setPathStyleAccess(boolean pathStyleAccess) {
		this.pathStyleAccess = pathStyleAccess;
	}

	public @Nullable String getAccessKeyId() {
		return this.accessKeyId;
	}

	public void setAccessKeyId(@Nullable String accessKeyId) {
		this.accessKeyId = accessKeyId;
	}

	public @Nullable String getSecretAccessKey() {
		return this.secretAccessKey;
	}

	public void setSecretAccessKey(@Nullable String secretAccessKey) {
		this.secretAccessKey = secretAccessKey;
	}

	public Duration getPresignValidity() {
		return this.presignValidity;
	}

	public void setPresignValidity(Duration presignValidity) {
		this.presignValidity = presignValidity;
	}

}
