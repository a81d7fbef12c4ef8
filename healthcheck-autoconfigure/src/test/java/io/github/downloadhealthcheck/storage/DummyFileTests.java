package io.github.downloadhealthcheck.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DummyFile}.
 */
class DummyFileTests {

	@Test
	void generationIsDeterministic() {
		DummyFile first = DummyFile.generate("dummy.bin", 16 * 1024);
		DummyFile second = DummyFile.generate("dummy.bin", 16 * 1024);
		assertThat(second.content()).isEqualTo(first.content());
		assertThat(second.sha256()).isEqualTo(first.sha256());
		assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
	}

	@Test
	void contentDependsOnlyOnTheSizeNotOnThePath() {
		DummyFile first = DummyFile.generate(".download-healthcheck/dummy.bin", 4096);
		DummyFile second = DummyFile.generate("elsewhere/other.bin", 4096);
		assertThat(second.content()).isEqualTo(first.content());
		assertThat(second.sha256()).isEqualTo(first.sha256());
		assertThat(second).isNotEqualTo(first);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 31, 32, 33, 1000, 16 * 1024, 100_003 })
	void sizeIsHonoured(int size) {
		DummyFile dummy = DummyFile.generate("dummy.bin", size);
		assertThat(dummy.content()).hasSize(size);
		assertThat(dummy.size()).isEqualTo((long) size);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 32, 16 * 1024, 100_003 })
	void sha256IsTheDigestOfTheContent(int size) throws Exception {
		DummyFile dummy = DummyFile.generate("dummy.bin", size);
		String independent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dummy.content()));
		assertThat(dummy.sha256()).isEqualTo(independent).matches("[0-9a-f]{64}");
	}

	@Test
	void differentSizesHaveDifferentDigests() {
		assertThat(DummyFile.generate("dummy.bin", 1024).sha256())
			.isNotEqualTo(DummyFile.generate("dummy.bin", 1025).sha256());
	}

	@Test
	void contentLooksRandomSoCompressionWouldChangeIt() {
		byte[] content = DummyFile.generate("dummy.bin", 16 * 1024).content();
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		deflater.setInput(content);
		deflater.finish();
		byte[] out = new byte[content.length * 2];
		int compressed = deflater.deflate(out);
		deflater.end();
		assertThat(compressed).isGreaterThan(content.length * 95 / 100);
		assertThat(content).isNotEqualTo(new byte[content.length]);
	}

	@Test
	void everyOpenStartsAtTheFirstByteAndEndsAtTheSize() throws IOException {
		DummyFile dummy = DummyFile.generate("dummy.bin", 10_000);
		try (InputStream first = dummy.open(); InputStream second = dummy.open()) {
			first.readNBytes(123);
			assertThat(second.readAllBytes()).isEqualTo(dummy.content());
			assertThat(first.readAllBytes()).isEqualTo(Arrays.copyOfRange(dummy.content(), 123, 10_000));
			assertThat(first.read()).isEqualTo(-1);
			assertThat(first.read(new byte[10], 0, 10)).isEqualTo(-1);
		}
	}

	@Test
	void readingByteByByteGivesTheSameBytesAsReadingInBlocks() throws IOException {
		DummyFile dummy = DummyFile.generate("dummy.bin", 1000);
		byte[] mixed = new byte[1000];
		try (InputStream in = dummy.open()) {
			int position = 0;
			// Alternate single bytes and odd-sized blocks so reads straddle the 8-byte
			// words.
			while (position < mixed.length) {
				int single = in.read();
				assertThat(single).isBetween(0, 255);
				mixed[position++] = (byte) single;
				int read = in.read(mixed, position, Math.min(5, mixed.length - position));
				position += Math.max(read, 0);
			}
			assertThat(in.read()).isEqualTo(-1);
		}
		assertThat(mixed).isEqualTo(dummy.content());
	}

	@Test
	void readingNothingReadsNothing() throws IOException {
		try (InputStream in = DummyFile.generate("dummy.bin", 16).open()) {
			assertThat(in.read(new byte[4], 0, 0)).isZero();
			assertThat(in.readAllBytes()).hasSize(16);
		}
	}

	@Test
	void contentOfAHugeDummyIsNotLoadedIntoMemory() {
		DummyFile huge = new DummyFile("dummy.bin", 1024L * 1024 * 1024, "0".repeat(64));
		assertThatIllegalStateException().isThrownBy(huge::content).withMessageContaining("too large");
	}

	@Test
	void equalDescriptionsAreEqual() {
		assertThat(DummyFile.generate("dummy.bin", 64)).isEqualTo(DummyFile.generate("dummy.bin", 64))
			.isNotEqualTo(DummyFile.generate("dummy.bin", 65));
	}

}
