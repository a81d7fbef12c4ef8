package io.github.downloadhealthcheck.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.http.HttpMethod;

import io.github.downloadhealthcheck.storage.ClientPresign;
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

	private final S3Presigner publicPresigner;

	private final @Nullable URI publicEndpoint;

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
		this(client, presigner, location, callTimeout, presignValidity, presigner, null);
	}

	/**
	 * Creates the storage, with clients reaching the store at another endpoint than the
	 * application.
	 * @param client the client, the application's own when it has one
	 * @param presigner signs the URLs handed to the proxy
	 * @param location the bucket and key prefix
	 * @param callTimeout most time one call may take, retries included
	 * @param presignValidity how long a presigned URL handed to the proxy stays valid
	 * @param publicPresigner signs the URLs handed to clients, for the public endpoint
	 * @param publicEndpoint the endpoint clients reach, {@code null} when it is the
	 * client's
	 */
	public S3ObjectStorage(S3Client client, S3Presigner presigner, S3Location location, Duration callTimeout,
			Duration presignValidity, S3Presigner publicPresigner, @Nullable URI publicEndpoint) {
		this.client = client;
		this.presigner = presigner;
		this.location = location;
		this.callTimeout = callTimeout;
		this.presignValidity = presignValidity;
		this.publicPresigner = publicPresigner;
		this.publicEndpoint = publicEndpoint;
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
	public URI presignHead(String relativePath) {
		String key = this.location.key(relativePath);
		return this.presigner
			.presignHeadObject((request) -> request.signatureDuration(this.presignValidity)
				.headObjectRequest((head) -> head.bucket(this.location.bucket()).key(key)))
			.url()
			.toString()
			.transform(URI::create);
	}

	@Override
	public URI presignForClient(String relativePath, ClientPresign request) {
		String key = this.location.key(relativePath);
		String bucket = this.location.bucket();
		if (HttpMethod.HEAD.equals(request.method())) {
			// A HEAD answer carries no body, so it needs no disposition: the store
			// signs no response-* override for HEAD.
			return this.publicPresigner
				.presignHeadObject((head) -> head.signatureDuration(request.lifetime())
					.headObjectRequest((object) -> object.bucket(bucket).key(key)))
				.url()
				.toString()
				.transform(URI::create);
		}
		return this.publicPresigner
			.presignGetObject((get) -> get.signatureDuration(request.lifetime())
				.getObjectRequest((object) -> object.bucket(bucket)
					.key(key)
					.responseContentDisposition(request.contentDisposition())))
			.url()
			.toString()
			.transform(URI::create);
	}

	@Override
	public URI publicUrl(String relativePath) {
		URI url = url(relativePath);
		URI endpoint = this.publicEndpoint;
		URI own = this.client.serviceClientConfiguration().endpointOverride().orElse(null);
		if (endpoint == null || own == null) {
			return url;
		}
		// The same bucket and key, at the address clients use; the store's URL layout
		// (path style or not) is the client's either way.
		String text = url.toString();
		String ownBase = stripSlash(own.toString());
		String publicBase = stripSlash(endpoint.toString());
		if (text.startsWith(ownBase)) {
			return URI.create(publicBase + text.substring(ownBase.length()));
		}
		// Virtual-host style: the bucket is part of the host.
		return URI.create(text.replace("://" + own.getRawAuthority(), "://" + endpoint.getRawAuthority())
			.replaceFirst("^" + own.getScheme() + ":", endpoint.getScheme() + ":"));
	}

	@Override
	public String describePublic() {
		return (this.publicEndpoint != null)
				? "S3 bucket '" + this.location.bucket() + "' at its public endpoint " + this.publicEndpoint
				: describe();
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
