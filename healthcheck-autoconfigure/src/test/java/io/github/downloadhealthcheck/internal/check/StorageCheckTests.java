package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.CheckStatus;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.FileSystemStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StorageCheck}, on a real folder.
 */
class StorageCheckTests {

	private static final DummyFile DUMMY = DummyFile.generate(".download-healthcheck/dummy.bin", 4096);

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path root;

	@Test
	void dummyWithTheExpectedBytesIsUp() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		write(storage, DUMMY.content());
		CheckResult result = check(storage);
		assertThat(result.status()).isEqualTo(CheckStatus.UP);
		assertThat(result.layer()).isEqualTo(Layer.STORAGE);
		assertThat(result.seen()).containsEntry("bytes", 4096L).containsEntry("sha256", DUMMY.sha256());
		assertThat(result.requested()).contains(DUMMY.relativePath()).contains(this.root.toString());
	}

	@Test
	void missingDummyIsDownAndWrittenAgainBeforeTheNextCheck() throws IOException {
		StorageCheck check = new StorageCheck(new FileSystemStorage(this.root), DUMMY, Duration.ofSeconds(5),
				Clock.systemUTC());
		check.prepare().block(WAIT);
		assertThat(this.root.resolve(DUMMY.relativePath())).as("written before the first check")
			.hasBinaryContent(DUMMY.content());
		assertThat(check.check().block(WAIT).status()).isEqualTo(CheckStatus.UP);
		Files.delete(this.root.resolve(DUMMY.relativePath()));
		check.prepare().block(WAIT);
		assertThat(this.root.resolve(DUMMY.relativePath())).as("nothing to prepare before a miss").doesNotExist();
		CheckResult first = check.check().block(WAIT);
		assertThat(first.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(first.symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(first.reason()).contains("written again");
		check.prepare().block(WAIT);
		assertThat(this.root.resolve(DUMMY.relativePath())).hasBinaryContent(DUMMY.content());
		assertThat(Files.isReadable(this.root.resolve(DUMMY.relativePath()))).isTrue();
		CheckResult second = check.check().block(WAIT);
		assertThat(second.status()).isEqualTo(CheckStatus.UP);
	}

	@Test
	void failedRewriteIsReportedByTheNextCheck() throws IOException {
		// The storage root is gone (an unmounted volume): the rewrite must fail, not
		// recreate it.
		Path gone = this.root.resolve("unmounted");
		StorageCheck check = new StorageCheck(new FileSystemStorage(gone), DUMMY, Duration.ofSeconds(5),
				Clock.systemUTC());
		assertThat(check.check().block(WAIT).symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		check.prepare().block(WAIT);
		assertThat(gone).doesNotExist();
		CheckResult second = check.check().block(WAIT);
		assertThat(second.symptom()).isEqualTo(Symptom.DUMMY_MISSING);
		assertThat(second.reason()).contains("writing it again failed").contains("does not exist");
		assertThat(second.evidence().rewriteFault()).isEqualTo(Evidence.StorageFault.ROOT_MISSING);
	}

	@Test
	void alteredDummyIsReported() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		byte[] altered = DUMMY.content();
		altered[0] ^= 0x01;
		write(storage, altered);
		CheckResult result = check(storage);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.DUMMY_ALTERED);
		assertThat(result.seen()).containsEntry("bytes", 4096L).containsKey("sha256");
		assertThat(result.seen().get("sha256")).isNotEqualTo(DUMMY.sha256());
		assertThat(this.root.resolve(DUMMY.relativePath())).as("an altered dummy is not rewritten silently")
			.hasBinaryContent(altered);
	}

	@Test
	void longerDummyIsAlteredAndReadOnlyOnePastTheExpectedSize() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		write(storage, Arrays.copyOf(DUMMY.content(), 10 * DUMMY.content().length));
		CheckResult result = check(storage);
		assertThat(result.symptom()).isEqualTo(Symptom.DUMMY_ALTERED);
		assertThat(result.seen()).containsEntry("bytes", "more than 4096").doesNotContainKey("sha256");
	}

	@Test
	void truncatedDummyIsAltered() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		write(storage, Arrays.copyOf(DUMMY.content(), 100));
		CheckResult result = check(storage);
		assertThat(result.symptom()).isEqualTo(Symptom.DUMMY_ALTERED);
		assertThat(result.seen()).containsEntry("bytes", 100L);
	}

	@Test
	void unreadableDummyIsAStorageError() throws IOException {
		FileSystemStorage storage = new FileSystemStorage(this.root);
		Path dummy = this.root.resolve(DUMMY.relativePath());
		if ("root".equals(System.getProperty("user.name"))) {
			// Permissions do not stop root: make the dummy's path a folder, which no one
			// can
			// read as a file.
			Files.createDirectories(dummy);
		}
		else {
			write(storage, DUMMY.content());
			Files.setPosixFilePermissions(dummy, PosixFilePermissions.fromString("---------"));
		}
		CheckResult result = check(storage);
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.STORAGE_ERROR);
		assertThat(result.reason()).contains(DUMMY.relativePath()).contains(this.root.toString());
	}

	@Test
	void parentOfTheDummyBeingAFileIsAStorageError() throws IOException {
		Files.writeString(this.root.resolve(".download-healthcheck"), "not a folder");
		CheckResult result = check(new FileSystemStorage(this.root));
		assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(result.symptom()).isEqualTo(Symptom.STORAGE_ERROR);
	}

	@Test
	void storageThatHangsTimesOut() throws Exception {
		// A named pipe without a writer blocks whoever opens it, like a dead network
		// mount.
		Path dummy = Files.createDirectories(this.root.resolve(".download-healthcheck")).resolve("dummy.bin");
		Process mkfifo = new ProcessBuilder("mkfifo", dummy.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		try {
			StorageCheck check = new StorageCheck(new FileSystemStorage(this.root), DUMMY, Duration.ofMillis(300),
					Clock.systemUTC());
			CheckResult result = check.check().block(WAIT);
			assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
			assertThat(result.symptom()).isEqualTo(Symptom.TIMEOUT);
			assertThat(result.reason()).contains("within 300ms");
		}
		finally {
			// Release the blocked reader: opening the pipe for writing completes its
			// open.
			Thread release = new Thread(() -> {
				try (FileOutputStream out = new FileOutputStream(dummy.toFile())) {
					out.flush();
				}
				catch (IOException ex) {
					// the reader is gone already
				}
			});
			release.setDaemon(true);
			release.start();
			release.join(5000);
		}
	}

	private static void write(FileSystemStorage storage, byte[] content) throws IOException {
		storage.writeAtomically(DUMMY.relativePath(), new ByteArrayInputStream(content), content.length);
	}

	private static CheckResult check(FileSystemStorage storage) {
		return new StorageCheck(storage, DUMMY, Duration.ofSeconds(5), Clock.systemUTC()).check().block(WAIT);
	}

}
