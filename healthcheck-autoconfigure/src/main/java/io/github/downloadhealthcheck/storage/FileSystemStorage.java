package io.github.downloadhealthcheck.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Storage in a folder of the file system.
 */
public final class FileSystemStorage implements DownloadStorage {

	private final Path root;

	/**
	 * Creates a storage rooted at a folder.
	 * @param root the storage root folder
	 */
	public FileSystemStorage(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * The storage root folder.
	 * @return the absolute root
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public String describe() {
		return "folder " + this.root;
	}

	@Override
	public void writeAtomically(String relativePath, InputStream content, long size) throws IOException {
		Path target = inside(relativePath);
		Path folder = target.getParent();
		requireRoot();
		try {
			Files.createDirectories(folder);
			Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
			try {
				Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
				makeWorldReadable(temporary);
				// The rename is the commit point: readers see the old file or the new
				// one, never half.
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (AccessDeniedException ex) {
			throw new StorageException(StorageException.Kind.ACCESS_DENIED,
					"permission denied writing " + ex.getFile() + " in " + describe());
		}
		catch (IOException ex) {
			throw typed(ex, size);
		}
	}

	/**
	 * A failed write, typed by what the file system says of itself rather than by the
	 * wording of the error, which differs across JDKs and file systems.
	 */
	private IOException typed(IOException ex, long size) {
		try {
			FileStore store = Files.getFileStore(this.root);
			if (store.isReadOnly()) {
				return new StorageException(StorageException.Kind.READ_ONLY,
						"cannot write to " + describe() + ": its file system is mounted read-only");
			}
			if (store.getUsableSpace() < size) {
				return new StorageException(StorageException.Kind.NO_SPACE, "cannot write to " + describe()
						+ ": its file system has " + store.getUsableSpace() + " bytes free, " + size + " needed");
			}
		}
		catch (IOException unknown) {
			ex.addSuppressed(unknown);
		}
		return ex;
	}

	private void requireRoot() throws StorageException {
		// Never create the root itself: a missing root is an unmounted volume or a wrong
		// path, and writing into the folder that would then appear hides the fault.
		if (!Files.isDirectory(this.root)) {
			throw new StorageException(StorageException.Kind.ROOT_MISSING,
					"storage root folder " + this.root + " does not exist");
		}
	}

	/**
	 * Temp files are created owner-only, but the proxy's workers usually run as another
	 * user and must read the file.
	 */
	private static void makeWorldReadable(Path file) throws IOException {
		PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		if (posix != null) {
			posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
		}
	}

	@Override
	public InputStream open(String relativePath) throws IOException {
		requireRoot();
		Path file = inside(relativePath);
		// Only a folder: a FIFO or a device is opened as the file system answers, as a
		// hung network mount would be.
		if (Files.isDirectory(file)) {
			throw new StorageException(StorageException.Kind.NOT_A_FILE,
					"something other than a file holds " + relativePath + " in " + describe());
		}
		return Files.newInputStream(file);
	}

	private Path inside(String relativePath) throws IOException {
		Path target = this.root.resolve(relativePath).normalize();
		if (!target.startsWith(this.root) || target.equals(this.root)) {
			throw new IOException("'" + relativePath + "' is not a file below " + this.root);
		}
		return target;
	}

}
