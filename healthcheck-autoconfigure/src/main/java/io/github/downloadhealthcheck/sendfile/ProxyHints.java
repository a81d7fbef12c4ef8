package io.github.downloadhealthcheck.sendfile;

/**
 * One proxy's own words for the settings a failed download check points at, filled in
 * with the configured places, so that a diagnosis speaks the language of the proxy in
 * use.
 *
 * @param proxy the proxy's name, e.g. {@code Apache (mod_xsendfile)}
 * @param headerName the hand-off header the proxy acts on
 * @param handOffSwitch the setting that makes the proxy act on the hand-off header, e.g.
 * {@code XSendFile On}
 * @param handOffTarget the setting where the proxy finds handed-off files, e.g.
 * {@code XSendFilePath /srv/storage}
 * @param publicDummyLocation the setting serving the dummy file straight from storage,
 * for the {@code proxy} check
 * @param headerShownWhenOff whether the client sees the hand-off header when the proxy
 * does not act on it (Apache, Caddy), or gets {@code 200} with an empty body and no
 * header (nginx, lighttpd)
 * @param upstreamSetting the setting naming where the proxy passes requests to the
 * application, with {@code %s} standing for the application's origin, e.g.
 * {@code proxy_pass %s;}
 * @param rateLimitSetting the setting that slows a location's body down, e.g.
 * {@code limit_rate}
 */
public record ProxyHints(String proxy, String headerName, String handOffSwitch, String handOffTarget,
		String publicDummyLocation, boolean headerShownWhenOff, String upstreamSetting, String rateLimitSetting) {

	/**
	 * Hints without the proxy's words for its upstream and rate limits.
	 * @param proxy the proxy's name
	 * @param headerName the hand-off header the proxy acts on
	 * @param handOffSwitch the setting that makes the proxy act on the hand-off header
	 * @param handOffTarget the setting where the proxy finds handed-off files
	 * @param publicDummyLocation the setting serving the dummy file straight from storage
	 * @param headerShownWhenOff whether the client sees the hand-off header when the
	 * proxy does not act on it
	 */
	public ProxyHints(String proxy, String headerName, String handOffSwitch, String handOffTarget,
			String publicDummyLocation, boolean headerShownWhenOff) {
		this(proxy, headerName, handOffSwitch, handOffTarget, publicDummyLocation, headerShownWhenOff,
				"the proxy's upstream for the application (%s)", "a rate limit on the location");
	}

	/**
	 * The proxy's line pointing its upstream at the application.
	 * @param origin the application's origin, e.g. {@code http://127.0.0.1:8080}
	 * @return e.g. {@code proxy_pass http://127.0.0.1:8080;}
	 */
	public String upstream(String origin) {
		return this.upstreamSetting.formatted(origin);
	}

	/**
	 * Why the client received the hand-off header itself.
	 * @return e.g. {@code the proxy did not act on X-Sendfile: XSendFile On? ...}
	 */
	public String notActedOn() {
		// A file outside the allowed folder is a 404, not a leaked header: only the
		// switch
		// explains this.
		return "the proxy did not act on " + this.headerName + ": " + this.handOffSwitch + "?";
	}

	/**
	 * What an empty {@code 200} body through the proxy means for this proxy.
	 * @return the likely causes, in the proxy's terms
	 */
	public String emptyBody() {
		if (this.headerShownWhenOff) {
			return this.proxy + " took " + this.headerName + " but sent no file: " + this.handOffTarget + "?";
		}
		// nginx and lighttpd hide the header whether they act on it or not; a file they
		// do not find is a 404 (or lighttpd's 403), never an empty 200.
		return this.proxy + " did not act on " + this.headerName + " (" + this.handOffSwitch + "?)";
	}

}
