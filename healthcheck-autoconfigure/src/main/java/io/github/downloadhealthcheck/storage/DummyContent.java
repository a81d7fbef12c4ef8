package io.github.downloadhealthcheck.storage;

import java.io.InputStream;

/**
 * The dummy file's bytes, generated on the fly by a fixed xorshift64* sequence: the same
 * on every JVM and every version, fast, and incompressible enough to expose a proxy that
 * compresses or transcodes.
 */
final class DummyContent extends InputStream {

	private static final long SEED = 0x646f776e6c6f6164L;

	private final long size;

	private long position;

	private long state = SEED;

	private long word;

	DummyContent(long size) {
		this.size = size;
	}

	@Override
	public int read() {
		if (this.position >= this.size) {
			return -1;
		}
		return nextByte() & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (this.position >= this.size) {
			return -1;
		}
		int count = (int) Math.min(length, this.size - this.position);
		for (int i = 0; i < count; i++) {
			buffer[offset + i] = nextByte();
		}
		return count;
	}

	private byte nextByte() {
		int index = (int) (this.position & 7);
		if (index == 0) {
			this.state ^= this.state >>> 12;
			this.state ^= this.state << 25;
			this.state ^= this.state >>> 27;
			this.word = this.state * 0x2545F4914F6CDD1DL;
		}
		this.position++;
		return (byte) (this.word >>> (index * 8));
	}

	@Override
	public int available() {
		return (int) Math.min(Integer.MAX_VALUE, this.size - this.position);
	}

}
