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
		super(kindOf(failure.kind()), failure.reason());
		this.kind = failure.kind();
	}

	/**
	 * The kind of failure.
	 * @return the kind
	 */
	public S3Failures.Kind s3Kind() {
		return this.kind;
	}

	private static Kind kindOf(S3Failures.Kind kind) {
		return switch (kind) {
			case BUCKET_MISSING -> Kind.ROOT_MISSING;
			case ACCESS_DENIED -> Kind.ACCESS_DENIED;
			case UNKNOWN_ACCESS_KEY, SIGNATURE_MISMATCH -> Kind.CREDENTIALS_REFUSED;
			case CLOCK_SKEW -> Kind.CLOCK_SKEW;
			case UNREACHABLE -> Kind.UNREACHABLE;
			case TIMEOUT -> Kind.TIMEOUT;
			case KEY_MISSING, OTHER -> Kind.OTHER;
		};
	}

}
