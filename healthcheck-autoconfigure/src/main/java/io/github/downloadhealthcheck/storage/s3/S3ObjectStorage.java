package io.github.downloadhealthcheck.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * Storage in a bucket of an S3-compatible object store. A PUT is atomic on S3: readers
 * see the old object or the new one, never half of it. Failures become
 * {@link IOException}s whose messages explain them ({@link S3Failures}); a missing key is
 * a {@link NoSuchFileException}, as for files.
 */
public final class S3ObjectStorage implements ObjectStorage {

	private static final long RETRYABLE_BODY_BYTES = 8L * 1024 * 1024;

	private final S3Client client;

	private final S3Presigner presigner;

	private final S3Location location;

	private final Duration callTimeout;

	private final Duration presignValidity;

	/**
	 * Creates the storage.
	 * @param client the client, the application's own when it has one
	 * @param presigner signs the URLs handed to the proxy
	 * @param location the bucket and key prefix
	 * @param callTimeout most time one call may take, retries included
	 * @param presignValidity how long a presigned URL stays valid
	 */
	public S3ObjectStorage(S3Client client, S3Presigner presigner, S3Location location, Duration callTimeout,
			Duration presignValidity) {
		this.client = client;
		this.presigner = presigner;
		this.location = location;
		this.callTimeout = callTimeout;
		this.presignValidity = presignValidity;
	}

	/**
	 * The bucket and key prefix.
	 * @return the location
	 */
	public S3Location location() {
		return this.location;
	}

	@Override
	public String describe() {
		String where = this.client.serviceClientConfiguration()
			.endpointOverride()
			.map((endpoint) -> " at " + endpoint)
			.orElseGet(() -> " in region " + this.client.serviceClientConfiguration().region());
		return "S3 bucket '" + this.location.bucket() + "'" + where;
	}

	@Override
	public void writeAtomically(String relativePath, InputStream content, long size) throws IOException {
		String key = this.location.key(relativePath);
		// The SDK retries a failed PUT, which needs the body again: a small body is held
		// in memory so the retry can resend it and a failure keeps its real reason. A
		// larger one is streamed once, without retries.
		RequestBody body = (size <= RETRYABLE_BODY_BYTES) ? RequestBody.fromBytes(content.readNBytes((int) size))
				: RequestBody.fromInputStream(content, size);
		try {
			this.client.putObject((request) -> request.bucket(this.location.bucket())
				.key(key)
				.contentLength(size)
				.overrideConfiguration(this::bounded), body);
		}
		catch (RuntimeException ex) {
			throw failure(ex, "write " + key);
		}
	}

	@Override
	public InputStream open(String relativePath) throws IOException {
		String key = this.location.key(relativePath);
		try {
			return this.client.getObject(
					(request) -> request.bucket(this.location.bucket()).key(key).overrideConfiguration(this::bounded));
		}
		catch (RuntimeException ex) {
			throw failure(ex, "read " + key);
		}
	}

	@Override
	public URI presignGet(String relativePath) {
		String key = this.location.key(relativePath);
		return this.presigner
			.presignGetObject((request) -> request.signatureDuration(this.presignValidity)
				.getObjectRequest((get) -> get.bucket(this.location.bucket()).key(key)))
			.url()
			.toString()
			.transform(URI::create);
	}

	@Override
	public URI url(String relativePath) {
		return this.client.utilities()
			.getUrl((request) -> request.bucket(this.location.bucket()).key(this.location.key(relativePath)))
			.toString()
			.transform(URI::create);
	}

	private void bounded(AwsRequestOverrideConfiguration.Builder override) {
		// The check's own timeout ends its wait; this ends the SDK's call and its retries
		// too.
		override.apiCallTimeout(this.callTimeout);
	}

	private IOException failure(RuntimeException ex, String operation) {
		S3Failures.Failure failure = S3Failures.explain(ex, operation, describe());
		if (failure.kind() == S3Failures.Kind.KEY_MISSING) {
			return new NoSuchFileException(failure.reason());
		}
		return new S3StorageException(failure);
	}

}
