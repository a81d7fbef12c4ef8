package io.github.downloadhealthcheck.sendfile;

import java.nio.file.InvalidPathException;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's file-name encoding, for the one failure it causes: a name with characters
 * that encoding has no bytes for cannot become a {@link java.nio.file.Path} at all. The
 * JVM takes the encoding from the locale at start-up ({@code LANG}, {@code LC_ALL});
 * containers often set none, which leaves ASCII.
 */
public final class FileNameEncoding {

	/** How to give the JVM a UTF-8 file-name encoding. */
	public static final String FIX = "start the JVM with LANG=C.UTF-8 (or LC_ALL=C.UTF-8) in its environment; "
			+ "the file-name encoding follows the locale at start-up (-Dsun.jnu.encoding is not honoured "
			+ "before JDK 18)";

	private FileNameEncoding() {
	}

	/**
	 * What the JVM encodes file names with, and the locale it took it from.
	 * @return e.g. {@code sun.jnu.encoding=ANSI_X3.4-1968 (LANG unset, LC_ALL unset)}
	 */
	public static String describe() {
		return "sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding") + " (LANG " + env("LANG") + ", LC_ALL "
				+ env("LC_ALL") + ")";
	}

	/**
	 * Why a name cannot be a file name here.
	 * @param name the name, made safe for logs
	 * @param ex the failure
	 * @return the reason, naming the encoding and the locale
	 */
	public static String cannotEncode(String name, InvalidPathException ex) {
		return "'" + name + "' cannot be a file name in this JVM: " + ex.getReason() + " under " + describe();
	}

	private static String env(String name) {
		@Nullable String value = System.getenv(name);
		return (value == null || value.isEmpty()) ? "unset" : "=" + value;
	}

}
