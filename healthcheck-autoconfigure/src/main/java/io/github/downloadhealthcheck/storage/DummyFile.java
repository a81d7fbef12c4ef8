package io.github.downloadhealthcheck.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The dummy file every check compares against. Its bytes depend only on its size, so every
 * replica sharing a storage writes the very same file. They look random so that a proxy or
 * filter that compresses, transcodes or truncates them is caught.
 *
 * @param relativePath path below the storage root
 * @param content the bytes
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record DummyFile(String relativePath, byte[] content, String sha256) {

	private static final byte[] SEED = "download-healthcheck dummy file v1".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Generates the dummy file's deterministic content.
	 * @param relativePath path below the storage root
	 * @param size size in bytes
	 * @return the dummy file
	 */
	public static DummyFile generate(String relativePath, int size) {
		MessageDigest blocks = sha256Digest();
		byte[] content = new byte[size];
		int offset = 0;
		long counter = 0;
		while (offset < size) {
			blocks.update(SEED);
			blocks.update(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
			byte[] block = blocks.digest();
			int length = Math.min(block.length, size - offset);
			System.arraycopy(block, 0, content, offset, length);
			offset += length;
		}
		return new DummyFile(relativePath, content, HexFormat.of().formatHex(sha256Digest().digest(content)));
	}

	/**
	 * Size in bytes.
	 * @return the size
	 */
	public int size() {
		return this.content.length;
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

	@Override
	public boolean equals(Object other) {
		return other instanceof DummyFile that && this.relativePath.equals(that.relativePath)
				&& Arrays.equals(this.content, that.content);
	}

	@Override
	public int hashCode() {
		return 31 * this.relativePath.hashCode() + Arrays.hashCode(this.content);
	}

	@Override
	public String toString() {
		return "DummyFile[" + this.relativePath + ", " + size() + " bytes, sha256 " + this.sha256 + "]";
	}

}
