package io.github.downloadhealthcheck.sendfile;

import java.nio.file.Path;

/**
 * What a download request becomes: a hand-off to the proxy, the application streaming the
 * file itself, or a refusal.
 */
public sealed interface SendfileDecision {

	/**
	 * The file is handed off to the proxy.
	 *
	 * @param file the file in storage
	 * @param rule the rule that matched
	 * @param headerName the hand-off header
	 * @param headerValue its value
	 */
	record HandOff(Path file, SendfileRule rule, String headerName, String headerValue) implements SendfileDecision {
	}

	/**
	 * The application streams the file itself, for the reason given.
	 *
	 * @param file the file in storage
	 * @param reason why no hand-off happens, naming the rules tried
	 */
	record Stream(Path file, String reason) implements SendfileDecision {
	}

	/**
	 * The object is handed off to the proxy, which fetches it from the object store with a
	 * presigned URL.
	 *
	 * @param key the object's path below the storage's key prefix
	 * @param headerName the hand-off header
	 * @param headerValue its value: the internal location, the object's path, and the
	 * presigned query, which differs on every request
	 * @param stableValue the part of the value before the query, the same on every request
	 */
	record ObjectHandOff(String key, String headerName, String headerValue, String stableValue)
			implements SendfileDecision {
	}

	/**
	 * The application streams the object itself, for the reason given.
	 *
	 * @param key the object's path below the storage's key prefix
	 * @param reason why no hand-off happens
	 */
	record StreamObject(String key, String reason) implements SendfileDecision {
	}

	/**
	 * The request is refused: the path could escape its folder.
	 *
	 * @param reason why, safe to log
	 */
	record Refused(String reason) implements SendfileDecision {

		static Refused unsafe(UnsafePathException ex, String untrustedPath) {
			return new Refused(ex.getMessage() + ": '" + PathSafety.forLog(untrustedPath) + "'");
		}

	}

}
