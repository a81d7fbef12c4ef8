package io.github.downloadhealthcheck.sendfile;

/**
 * Thrown when a requested path could escape the folder it is meant to stay in.
 */
public final class UnsafePathException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a reason that is safe to log (no control characters).
	 * @param reason why the path is refused
	 */
	public UnsafePathException(String reason) {
		super(reason);
	}

}
