package io.github.downloadhealthcheck.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dummy file every check compares against. Its bytes depend only on its size, so
 * every replica sharing a storage writes the very same file. They look random so that a
 * proxy or filter that compresses, transcodes or truncates them is caught. The content is
 * generated as it is read, never held in memory, so a large dummy file costs no heap.
 *
 * @param relativePath path below the storage root
 * @param size size in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record DummyFile(String relativePath, long size, String sha256) {

	/**
	 * Generates the dummy file's description, digesting its content once.
	 * @param relativePath path below the storage root
	 * @param size size in bytes
	 * @return the dummy file
	 */
	public static DummyFile generate(String relativePath, long size) {
		MessageDigest digest = sha256Digest();
		try (InputStream content = new DummyContent(size)) {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = content.read(buffer)) != -1) {
				digest.update(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new DummyFile(relativePath, size, HexFormat.of().formatHex(digest.digest()));
	}

	/**
	 * Opens the content for reading; each call starts at the first byte.
	 * @return a stream of exactly {@link #size()} bytes
	 */
	public InputStream open() {
		return new DummyContent(this.size);
	}

	/**
	 * The whole content in memory, for small dummy files (tests, comparisons).
	 * @return the bytes
	 * @throws IllegalStateException when the file is larger than 64 MiB
	 */
	public byte[] content() {
		if (this.size > 64L * 1024 * 1024) {
			throw new IllegalStateException("Dummy file of " + this.size + " bytes is too large to hold in memory");
		}
		try (InputStream in = open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A new SHA-256 digest.
	 * @return the digest
	 */
	public static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
