package io.github.downloadhealthcheck.storage;

import java.io.IOException;

/**
 * A storage failure the storage has already explained in words a person understands: its
 * message is the whole reason, naming the storage, and never holds credentials. Its
 * {@link #kind()} is what the checks decide on; the message is only shown.
 */
public class StorageException extends IOException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	/**
	 * Creates the exception, of no particular kind.
	 * @param reason the explanation, naming the storage
	 */
	public StorageException(String reason) {
		this(Kind.OTHER, reason);
	}

	/**
	 * Creates the exception.
	 * @param kind what went wrong
	 * @param reason the explanation, naming the storage
	 */
	public StorageException(Kind kind, String reason) {
		super(reason);
		this.kind = kind;
	}

	/**
	 * What went wrong, typed.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Kinds of storage failures, as far as a fix depends on them.
	 */
	public enum Kind {

		/** The storage root (a folder, a bucket) does not exist. */
		ROOT_MISSING,

		/** The application's user or credentials may not do this. */
		ACCESS_DENIED,

		/** Something other than a file holds the path. */
		NOT_A_FILE,

		/** The file system is mounted read-only. */
		READ_ONLY,

		/** The file system has no room left. */
		NO_SPACE,

		/** The store refuses the credentials or their signature. */
		CREDENTIALS_REFUSED,

		/** The store finds this machine's clock too far from its own. */
		CLOCK_SKEW,

		/** The store cannot be reached. */
		UNREACHABLE,

		/** No answer in time. */
		TIMEOUT,

		/** Anything else. */
		OTHER

	}

}
