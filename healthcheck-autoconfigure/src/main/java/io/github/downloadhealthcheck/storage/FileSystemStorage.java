package io.github.downloadhealthcheck.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Storage in a folder of the file system.
 */
public final class FileSystemStorage implements DownloadStorage {

	private static final String ROOT_MISSING = "storage root folder does not exist";

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
		// Never create the root itself: a missing root is an unmounted volume or a wrong
		// path, and writing into the folder that would then appear hides the fault.
		if (!Files.isDirectory(this.root)) {
			throw new NoSuchFileException(this.root.toString(), null, ROOT_MISSING);
		}
		Files.createDirectories(folder);
		Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
		try {
			Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
			makeWorldReadable(temporary);
			// The rename is the commit point: readers see the old file or the new one,
			// never half.
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
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
		if (!Files.isDirectory(this.root)) {
			throw new NoSuchFileException(this.root.toString(), null, ROOT_MISSING);
		}
		return Files.newInputStream(inside(relativePath));
	}

	private Path inside(String relativePath) throws IOException {
		Path target = this.root.resolve(relativePath).normalize();
		if (!target.startsWith(this.root) || target.equals(this.root)) {
			throw new IOException("'" + relativePath + "' is not a file below " + this.root);
		}
		return target;
	}

}
