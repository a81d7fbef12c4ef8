package io.github.downloadhealthcheck.check;

/**
 * The documented set of causes a DOWN layer can be put down to, in every hand-off mode,
 * each with a stable id shown as the layer's {@code cause}. Each cause is named only when
 * the observations it needs were made (listed on each constant); when none fits, the
 * cause is {@link #UNKNOWN} and the details say what was seen, rather than the nearest
 * familiar fix.
 */
public enum Cause {

	// storage

	/** Dummy file missing, and writing it again failed: the storage root is not there. */
	STORAGE_ROOT_MISSING("storage-root-missing"),

	/**
	 * Dummy file missing, and writing it again failed for another reason (permissions).
	 */
	STORAGE_NOT_WRITABLE("storage-not-writable"),

	/** Dummy file missing, not written again yet: somebody deleted it. */
	DUMMY_DELETED("dummy-deleted"),

	/** Reading the dummy file was refused: permission denied. */
	STORAGE_NOT_READABLE("storage-not-readable"),

	/** Something other than a file holds the dummy file's path (a folder, a device). */
	DUMMY_PATH_TAKEN("dummy-path-taken"),

	/** Writing the dummy file again failed: the file system is mounted read-only. */
	STORAGE_READ_ONLY("storage-read-only"),

	/** Writing the dummy file again failed: the file system has no room left. */
	STORAGE_FULL("storage-full"),

	/** The object store refuses the application's credentials or their signature. */
	STORE_CREDENTIALS_REFUSED("store-credentials-refused"),

	/** The object store cannot be reached at its endpoint. */
	STORE_UNREACHABLE("store-unreachable"),

	/**
	 * The store and the application disagree on the time too much for signatures: every
	 * presigned URL and signed request fails.
	 */
	CLOCK_SKEW("clock-skew"),

	/** The dummy file holds other bytes than the ones written. */
	DUMMY_ALTERED("dummy-altered"),

	/** The storage did not answer within the timeout. */
	STORAGE_HANGS("storage-hangs"),

	/** The object store refused or failed, in its own words. */
	STORE_ERROR("store-error"),

	// backend

	/** The application streams files itself: the hand-off is switched off. */
	HAND_OFF_DISABLED("hand-off-disabled"),

	/** The application streams the dummy file itself: no sendfile rule covers storage. */
	NO_RULE_FOR_STORAGE("no-rule-for-storage"),

	/** The view answered 404: it is not where the backend URL points. */
	VIEW_NOT_FOUND("view-not-found"),

	/** The view answered 401 or 403: it is secured. */
	VIEW_SECURED("view-secured"),

	/** The view answered a 5xx: the application failed. */
	VIEW_FAILING("view-failing"),

	/** The application answered with another or no hand-off header, or a body with it. */
	HAND_OFF_HEADER_WRONG("hand-off-header-wrong"),

	/** The application cannot be reached at the backend URL. */
	BACKEND_UNREACHABLE("backend-unreachable"),

	/** The application, called directly, did not answer within the timeout. */
	BACKEND_SLOW("backend-slow"),

	// proxy, dummy location

	/** Nothing listens at the proxy's address. */
	PROXY_UNREACHABLE("proxy-unreachable"),

	/** The proxy's host name does not resolve. */
	PROXY_HOST_UNKNOWN("proxy-host-unknown"),

	/** The proxy's TLS certificate is not trusted. */
	PROXY_CERTIFICATE_UNTRUSTED("proxy-certificate-untrusted"),

	/** The proxy accepts connections but sends no headers in time. */
	PROXY_UNRESPONSIVE("proxy-unresponsive"),

	/** The proxy sent the headers in time, then the body too slowly: a rate limit. */
	PROXY_BODY_THROTTLED("proxy-body-throttled"),

	/** The proxy finds no file at its dummy location while storage has it. */
	PROXY_STORAGE_PATH_WRONG("proxy-storage-path-wrong"),

	/** The proxy may not read the file at its dummy location while storage has it. */
	PROXY_STORAGE_PERMISSION("proxy-storage-permission"),

	/** The proxy serves another file than the dummy file at its dummy location. */
	PROXY_SERVES_OTHER_FILE("proxy-serves-other-file"),

	/** The proxy answers its dummy location with its own 5xx. */
	PROXY_LOCATION_FAILS("proxy-location-fails"),

	/** The proxy could not fetch the dummy object from the object store. */
	PROXY_STORE_ACCESS("proxy-store-access"),

	// end-to-end, the other layers up

	/**
	 * The proxy answered 502 (nginx, Caddy) or 503 (Apache, lighttpd) while the
	 * application answers directly: the proxy's upstream is not the application.
	 */
	UPSTREAM_UNREACHABLE("upstream-unreachable"),

	/**
	 * The application answers at once directly, but through the proxy no headers come in
	 * time (or the proxy answers 504): the proxy's route to the application is slow.
	 */
	UPSTREAM_SLOW("upstream-slow"),

	/** The proxy does not act on the hand-off header (empty body, or header leaked). */
	HAND_OFF_IGNORED("hand-off-ignored"),

	/**
	 * The proxy's own error page for the hand-off target: no internal location (or
	 * allowed folder) matches the application's destination.
	 */
	HAND_OFF_TARGET_MISSING("hand-off-target-missing"),

	/** The application's own error answer came back through the proxy. */
	VIEW_ROUTE_WRONG("view-route-wrong"),

	/** The view's URL through the proxy redirects. */
	REDIRECTED("redirected"),

	/** The body came back with a Content-Encoding: compressed on the way. */
	BODY_ENCODED("body-encoded"),

	/**
	 * The body came back with other bytes (and no Content-Encoding) while the proxy's
	 * dummy location serves the file right: the hand-off target serves another folder, or
	 * filters the body.
	 */
	HAND_OFF_SERVES_OTHER_BYTES("hand-off-serves-other-bytes"),

	/** The internal location for objects does not fetch them. */
	OBJECT_HAND_OFF_BROKEN("object-hand-off-broken"),

	// the redirect hand-off (download.sendfile.object-storage.mode=redirect)

	/**
	 * The view, called directly, answers no redirect, or not the one the settings give.
	 */
	REDIRECT_NOT_ANSWERED("redirect-not-answered"),

	/** The redirect may be kept by a cache past the lifetime of the URL it names. */
	REDIRECT_CACHEABLE("redirect-cacheable"),

	/** Clients cannot reach the store's public endpoint the redirect names. */
	PUBLIC_ENDPOINT_UNREACHABLE("public-endpoint-unreachable"),

	/** The store refuses the presigned URLs the application gives clients. */
	PRESIGNED_URL_REFUSED("presigned-url-refused"),

	/** The presigned URL had expired when the client reached the store with it. */
	PRESIGNED_URL_EXPIRED("presigned-url-expired"),

	/** The store ignores the file name the presigned URL asks it to answer. */
	CONTENT_DISPOSITION_IGNORED("content-disposition-ignored"),

	/** A HEAD of a download fails while its GET works. */
	HEAD_REFUSED("head-refused"),

	/** The ingress changes the redirect's Location, which breaks its signature. */
	LOCATION_REWRITTEN("location-rewritten"),

	/** The ingress follows the application's redirect itself instead of passing it on. */
	INGRESS_FOLLOWS_REDIRECT("ingress-follows-redirect"),

	/**
	 * The ingress answers the view's URL with something other than the application's
	 * redirect.
	 */
	INGRESS_ANSWERS_OTHER("ingress-answers-other"),

	/** The observations fit no known cause: the details say what was seen. */
	UNKNOWN("unknown");

	private final String id;

	Cause(String id) {
		this.id = id;
	}

	/**
	 * Stable id, shown as {@code cause} and documented.
	 * @return e.g. {@code hand-off-ignored}
	 */
	public String id() {
		return this.id;
	}

}
