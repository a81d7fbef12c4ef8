package io.github.downloadhealthcheck.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link FileSystemStorage}.
 */
class FileSystemStorageTests {

	@TempDir
	Path root;

	@Test
	void writtenBytesAreReadBack() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		byte[] content = DummyFile.generate("dummy.bin", 10_000).content();
		write(storage, "dummy.bin", content);
		try (InputStream in = storage.open("dummy.bin")) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(Files.readAllBytes(this.root.resolve("dummy.bin"))).isEqualTo(content);
	}

	@Test
	void missingFoldersAreCreated() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		write(storage, ".download-healthcheck/nested/dummy.bin", new byte[] { 1, 2, 3 });
		assertThat(this.root.resolve(".download-healthcheck/nested/dummy.bin"))
			.hasBinaryContent(new byte[] { 1, 2, 3 });
	}

	@Test
	void writtenFileIsWorldReadable() throws IOException {
		write(new FileSystemStorage(this.root), "dummy.bin", new byte[] { 1 });
		assertThat(Files.getPosixFilePermissions(this.root.resolve("dummy.bin")))
			.isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
	}

	@Test
	void noTemporaryFileIsLeftBehind() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		write(storage, "sub/dummy.bin", new byte[] { 1 });
		write(storage, "sub/dummy.bin", new byte[] { 2 });
		assertThat(list(this.root.resolve("sub"))).containsExactly("dummy.bin");
	}

	@Test
	void noTemporaryFileIsLeftBehindWhenTheWriteFails() throws IOException {
		// A non-empty folder where the file should go: the final rename must fail.
		Files.createDirectories(this.root.resolve("dummy.bin/occupied"));
		FileSystemStorage storage = new FileSystemStorage(this.root);
		assertThatIOException().isThrownBy(() -> write(storage, "dummy.bin", new byte[] { 1 }));
		assertThat(list(this.root)).containsExactly("dummy.bin");
		assertThat(this.root.resolve("dummy.bin")).isDirectory();
	}

	@Test
	void overwritingReplacesTheFileInsteadOfRewritingIt() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		byte[] before = DummyFile.generate("dummy.bin", 100_000).content();
		byte[] after = new byte[50];
		write(storage, "dummy.bin", before);
		try (InputStream reader = storage.open("dummy.bin")) {
			byte[] start = reader.readNBytes(10);
			write(storage, "dummy.bin", after);
			// A reader that opened the old file keeps reading it whole: the new file was
			// moved in place, never written over the old bytes.
			byte[] rest = reader.readAllBytes();
			assertThat(start.length + rest.length).isEqualTo(before.length);
			assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(before, 10, before.length));
		}
		try (InputStream reader = storage.open("dummy.bin")) {
			assertThat(reader.readAllBytes()).isEqualTo(after);
		}
	}

	@Test
	void openingAMissingFileThrowsNoSuchFileException() {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> storage.open("missing.bin").close());
	}

	@Test
	void rootIsAbsoluteAndNormalizedAndDescribed() {
		FileSystemStorage storage = new FileSystemStorage(this.root.resolve("a/../b"));
		assertThat(storage.root()).isEqualTo(this.root.resolve("b"));
		assertThat(storage.describe()).isEqualTo("folder " + this.root.resolve("b"));
	}

	@Test
	void missingRootIsNeverCreated() {
		FileSystemStorage storage = new FileSystemStorage(this.root.resolve("unmounted"));
		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> write(storage, "sub/dummy.bin", new byte[] { 1 }))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(StorageException.Kind.ROOT_MISSING));
		assertThat(this.root.resolve("unmounted")).doesNotExist();
	}

	@Test
	void readingFromAMissingRootSaysTheRootIsMissing() {
		FileSystemStorage storage = new FileSystemStorage(this.root.resolve("unmounted"));
		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage.open("dummy.bin").close())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(StorageException.Kind.ROOT_MISSING));
	}

	@Test
	void aFolderHoldingTheFilesPathIsTypedNotAFile() throws IOException {
		Files.createDirectories(this.root.resolve("dummy.bin"));
		FileSystemStorage storage = new FileSystemStorage(this.root);
		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage.open("dummy.bin").close())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(StorageException.Kind.NOT_A_FILE));
	}

	@Test
	void streamedContentIsWrittenWhole() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		DummyFile dummy = DummyFile.generate("dummy.bin", 300_000);
		try (InputStream content = dummy.open()) {
			storage.writeAtomically("dummy.bin", content, dummy.size());
		}
		assertThat(this.root.resolve("dummy.bin")).hasBinaryContent(dummy.content());
	}

	static void write(FileSystemStorage storage, String path, byte[] content) throws IOException {
		storage.writeAtomically(path, new ByteArrayInputStream(content), content.length);
	}

	private static List<String> list(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
