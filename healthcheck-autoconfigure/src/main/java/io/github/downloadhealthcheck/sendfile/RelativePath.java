package io.github.downloadhealthcheck.sendfile;

import java.nio.file.Path;
import java.util.List;

/**
 * A file's location below a folder, as validated path segments: never empty, never
 * {@code .} or {@code ..}, never containing a separator, a control character or an
 * encoded dot or slash. Build one with {@link #parse(String)}.
 *
 * @param segments the path segments, in order
 */
public record RelativePath(List<String> segments) {

	/**
	 * Creates a relative path from already validated segments.
	 * @param segments the path segments
	 */
	public RelativePath {
		segments = List.copyOf(segments);
		if (segments.isEmpty()) {
			throw new IllegalArgumentException("A relative path needs at least one segment");
		}
	}

	/**
	 * Validates an untrusted relative path, for example a name taken from a request.
	 * @param value the path, segments separated by {@code /}
	 * @return the validated path
	 * @throws UnsafePathException when the path is empty, absolute, or could escape its
	 * folder
	 */
	public static RelativePath parse(String value) {
		return new RelativePath(PathSafety.segmentsOf(value));
	}

	/**
	 * Resolves this path below a folder.
	 * @param folder the folder
	 * @return the resolved, normalized path
	 */
	public Path resolveIn(Path folder) {
		Path resolved = folder;
		for (String segment : this.segments) {
			resolved = resolved.resolve(segment);
		}
		return resolved.normalize();
	}

	/**
	 * Last segment, the file's own name.
	 * @return the file name
	 */
	public String fileName() {
		return this.segments.get(this.segments.size() - 1);
	}

	@Override
	public String toString() {
		return String.join("/", this.segments);
	}

}
