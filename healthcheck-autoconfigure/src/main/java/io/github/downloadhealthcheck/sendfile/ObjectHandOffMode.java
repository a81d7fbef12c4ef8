package io.github.downloadhealthcheck.sendfile;

/**
 * How a download of an object from object storage reaches the client.
 */
public enum ObjectHandOffMode {

	/**
	 * The application answers with the proxy's hand-off header naming a presigned URL;
	 * the proxy fetches the object and sends it (nginx, Caddy).
	 */
	HEADER,

	/**
	 * The application answers a redirect to a short-lived presigned URL on the store's
	 * public endpoint, and the client fetches the object from the store itself: for
	 * ingresses that cannot hand off (HAProxy, Envoy, Traefik, cloud load balancers).
	 */
	REDIRECT

}
