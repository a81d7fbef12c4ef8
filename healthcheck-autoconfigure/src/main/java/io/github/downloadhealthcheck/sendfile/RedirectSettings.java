package io.github.downloadhealthcheck.sendfile;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * The redirect hand-off of objects
 * ({@code download.sendfile.object-storage.mode=redirect}), validated and resolved.
 *
 * @param status the redirect's status: 302, 303 or 307
 * @param lifetime how long the presigned URL in {@code Location} stays valid
 */
public record RedirectSettings(HttpStatus status, Duration lifetime) {

	/** Default status: what browsers, curl and download managers all follow. */
	public static final HttpStatus DEFAULT_STATUS = HttpStatus.FOUND;

	/** Default lifetime: long enough for a slow client to start, short for a leak. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	/**
	 * The {@code Cache-Control} of every redirect: no cache may hold it, since the URL it
	 * names expires.
	 */
	public static final String CACHE_CONTROL = "no-store, private, max-age=0";

}
