package io.github.downloadhealthcheck.proxyconfig;

/**
 * Renders the ingress side of the redirect hand-off
 * ({@code download.sendfile.object-storage.mode=redirect}), where the ingress hands
 * nothing off: it routes requests to the application and passes its redirects on
 * untouched. The text follows the HAProxy configuration the sample application is tested
 * with.
 */
public final class RedirectSnippets {

	/** Key of the HAProxy snippet. */
	public static final String HAPROXY = "haproxy";

	private RedirectSnippets() {
	}

	/**
	 * The HAProxy snippet.
	 * @param in the application's settings
	 * @return the configuration text, ending with a line break
	 */
	public static String haproxy(ProxySnippetInputs in) {
		String bind = (in.listenHost() != null) ? in.listen() : ":" + in.listenPort();
		return "# HAProxy 2.6: the ingress of the redirect hand-off (download.sendfile.object-storage.mode=redirect).\n"
				+ "# Downloads are answered with a redirect to a presigned URL on the store's public endpoint\n"
				+ "# (download.healthcheck.storage.s3.public-endpoint), which clients must reach. Pass the redirect\n"
				+ "# on as it is: no http-response rule may change its Location (that breaks the signature) or\n"
				+ "# its Cache-Control (no cache may keep it), and no cache in front may store it.\n" + "defaults\n"
				+ "    mode http\n" + "    timeout connect 5s\n" + "    timeout client 30s\n"
				+ "    timeout server 30s\n\n" + "frontend ingress\n" + "    bind " + bind + "\n" + "    # "
				+ ProxySnippets.ACTUATOR_NOTE + "\n"
				+ "    # HAProxy matches the raw path: decode it and allow for what the app drops (//, /./, ;x).\n"
				+ "    http-request deny deny_status 404 if { path,url_dec -m reg ^[/.]*actuator([/;]|$) }\n"
				+ "    default_backend app\n\n" + "backend app\n" + "    option forwardfor\n"
				+ "    http-request set-header X-Forwarded-Proto http\n" + "    server app " + in.upstream() + "\n";
	}

}
