package io.github.downloadhealthcheck.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * The storage the application serves downloads from, as far as the checks need it: put
 * the dummy file there and read it back.
 */
public interface DownloadStorage {

	/**
	 * Where this storage is, for health details and messages, e.g.
	 * {@code folder /srv/files}.
	 * @return a short description, never containing credentials
	 */
	String describe();

	/**
	 * Writes a file so that no reader ever sees it half written.
	 * @param relativePath path below the storage root
	 * @param content the bytes, read to the end and not closed
	 * @param size how many bytes {@code content} holds
	 * @throws IOException when the storage refuses
	 */
	void writeAtomically(String relativePath, InputStream content, long size) throws IOException;

	/**
	 * Opens a file for reading.
	 * @param relativePath path below the storage root
	 * @return a stream the caller closes
	 * @throws java.nio.file.NoSuchFileException when there is no such file
	 * @throws IOException when the storage refuses
	 */
	InputStream open(String relativePath) throws IOException;

}
