package io.github.downloadhealthcheck.check;

/**
 * What exactly a failed check saw, so the diagnosis can reason about it without parsing
 * text.
 */
public enum Symptom {

	/** Nothing wrong. */
	NONE,

	/** The layer is not configured. */
	NOT_CONFIGURED,

	/** The dummy file is missing from storage. */
	DUMMY_MISSING,

	/** The dummy file's bytes differ from the expected ones. */
	DUMMY_ALTERED,

	/** The storage refused to read or write. */
	STORAGE_ERROR,

	/** Nothing listens at the address. */
	CONNECTION_REFUSED,

	/** The host name does not resolve. */
	UNKNOWN_HOST,

	/** The TLS handshake failed. */
	TLS,

	/** No complete answer within the timeout. */
	TIMEOUT,

	/** Another transport failure. */
	TRANSPORT,

	/** A redirect was answered and not followed. */
	REDIRECT,

	/** A status other than 200. */
	WRONG_STATUS,

	/** 200 with an empty body where bytes were expected. */
	EMPTY_BODY,

	/** A body whose bytes differ from the dummy file's. */
	WRONG_BYTES,

	/** A body larger than the configured cap. */
	BODY_TOO_LARGE,

	/** The application streamed the file itself instead of handing it off. */
	STREAMED_BY_APPLICATION,

	/** The hand-off header is missing or has another value than expected. */
	HAND_OFF_HEADER_WRONG,

	/** The application sent a body along with the hand-off header. */
	BODY_WITH_HAND_OFF,

	/** The hand-off header reached the client: the proxy did not act on it. */
	HAND_OFF_HEADER_LEAKED,

	/** The snapshot holding the result is too old to trust. */
	SNAPSHOT_STALE,

	/** The first check has not finished yet. */
	PENDING,

	// The redirect hand-off (download.sendfile.object-storage.mode=redirect)

	/** No redirect, or not the one the settings give (status, target, signature). */
	REDIRECT_WRONG,

	/** A cache may keep the redirect past the lifetime of the URL it names. */
	REDIRECT_CACHEABLE,

	/** The ingress changed the redirect's Location, which breaks its signature. */
	LOCATION_REWRITTEN,

	/** The ingress followed the redirect itself and answered the bytes. */
	INGRESS_FOLLOWED_REDIRECT,

	/** The store's public endpoint could not be reached. */
	PUBLIC_ENDPOINT_UNREACHABLE,

	/** The store found the presigned URL expired when the client used it. */
	LINK_EXPIRED,

	/** The store refused the presigned URL's signature or credentials. */
	SIGNATURE_REFUSED,

	/** The store's clock and the application's disagree too much for signatures. */
	CLOCK_SKEW,

	/** The store ignores the file name a presigned URL asks it to answer with. */
	CONTENT_DISPOSITION_IGNORED,

	/** A HEAD of a download fails while its GET works. */
	HEAD_REFUSED

}
