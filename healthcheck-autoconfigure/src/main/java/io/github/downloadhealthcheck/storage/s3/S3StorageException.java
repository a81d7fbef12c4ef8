package io.github.downloadhealthcheck.storage.s3;

import io.github.downloadhealthcheck.storage.StorageException;

/**
 * A failure of the object store, explained: its message is the reason shown in health
 * details, and never holds credentials.
 */
public final class S3StorageException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final S3Failures.Kind kind;

	/**
	 * Creates the exception; the SDK's own exception is deliberately not kept as the
	 * cause, so that logging this one can never print request details.
	 * @param failure the explained failure
	 */
	public S3StorageException(S3Failures.Failure failure) {
		super(failure.reason());
		this.kind = failure.kind();
	}

	/**
	 * The kind of failure.
	 * @return the kind
	 */
	public S3Failures.Kind kind() {
		return this.kind;
	}

}
