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
 */
public record ProxyHints(String proxy, String headerName, String handOffSwitch, String handOffTarget,
		String publicDummyLocation, boolean headerShownWhenOff) {

	/**
	 * Why the client received the hand-off header itself.
	 * @return e.g. {@code the proxy did not act on X-Sendfile: XSendFile On? ...}
	 */
	public String notActedOn() {
		return "the proxy did not act on " + this.headerName + ": " + this.handOffSwitch + "? " + this.handOffTarget
				+ "?";
	}

	/**
	 * What an empty {@code 200} body through the proxy means for this proxy.
	 * @return the likely causes, in the proxy's terms
	 */
	public String emptyBody() {
		if (this.headerShownWhenOff) {
			return this.proxy + " took " + this.headerName + " but sent no file: " + this.handOffTarget + "?";
		}
		// nginx and lighttpd hide the header whether they act on it or not.
		return this.proxy + " did not act on " + this.headerName + ", or found no file: " + this.handOffSwitch + "? "
				+ this.handOffTarget + "?";
	}

}
