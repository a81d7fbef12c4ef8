package io.github.downloadhealthcheck.storage;

import java.io.IOException;

/**
 * A storage failure the storage has already explained in words a person understands: its
 * message is the whole reason, naming the storage, and never holds credentials.
 */
public class StorageException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param reason the explanation, naming the storage
	 */
	public StorageException(String reason) {
		super(reason);
	}

}
