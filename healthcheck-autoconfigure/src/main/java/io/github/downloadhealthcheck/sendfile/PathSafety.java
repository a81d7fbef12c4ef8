package io.github.downloadhealthcheck.sendfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules that keep an untrusted relative path inside its folder, for the file system and
 * for every proxy that decodes the hand-off header once more.
 */
final class PathSafety {

	private PathSafety() {
	}

	static List<String> segmentsOf(String value) {
		if (value.isEmpty()) {
			throw new UnsafePathException("empty path");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isLineBreaking(c)) {
				throw new UnsafePathException("control character (code " + (int) c + ") in path");
			}
			if (c == '\\') {
				throw new UnsafePathException("backslash in path");
			}
		}
		if (value.startsWith("/") || value.matches("^[A-Za-z]:.*")) {
			throw new UnsafePathException("absolute path");
		}
		String lower = value.toLowerCase(Locale.ROOT);
		// A proxy or servlet container may decode once more: refuse what would then
		// become a separator, a dot segment or a NUL.
		for (String encoded : List.of("%2f", "%5c", "%2e", "%00", "%25")) {
			if (lower.contains(encoded)) {
				throw new UnsafePathException("encoded '" + encoded + "' in path");
			}
		}
		List<String> segments = new ArrayList<>();
		for (String segment : value.split("/", -1)) {
			if (segment.isEmpty()) {
				throw new UnsafePathException("empty segment in path");
			}
			if (segment.equals(".") || segment.equals("..")) {
				throw new UnsafePathException("dot segment '" + segment + "' in path");
			}
			segments.add(segment);
		}
		return segments;
	}

	/**
	 * Makes a value safe to put in a log line: no line breaks to forge entries with.
	 */
	static String forLog(String value) {
		StringBuilder safe = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			safe.append(isLineBreaking(c) ? '?' : c);
		}
		return safe.toString();
	}

	/**
	 * Control characters, including C1 controls such as NEL, and the Unicode line and
	 * paragraph separators: anything a terminal, log viewer or header parser may break
	 * on.
	 */
	private static boolean isLineBreaking(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
	}

}
