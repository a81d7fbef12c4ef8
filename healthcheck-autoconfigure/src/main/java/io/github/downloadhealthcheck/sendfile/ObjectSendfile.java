package io.github.downloadhealthcheck.sendfile;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * How objects of an {@link ObjectStorage} are handed off: to an internal location of the
 * proxy that proxies to the store, with a presigned GET so the proxy needs no credentials.
 * nginx gets {@code X-Accel-Redirect: <destination>/<bucket>/<key>?<presigned query>}, the
 * path percent-encoded twice; its internal location passes the once-decoded path and the query
 * on to the store as is. Only proxies that take a URI in
 * their hand-off header can do this: Apache's and lighttpd's {@code X-Sendfile} take a local
 * file path.
 *
 * @param enabled whether hand-offs are enabled at all ({@code download.sendfile.enabled})
 * @param server the proxy objects are handed off to
 * @param destination URI prefix of the proxy's internal location for objects
 */
public record ObjectSendfile(boolean enabled, SendfileServer server, String destination) {

	// By id rather than by constant: the servers that take a URI are the ones whose header
	// value is a location of the proxy, the X-Accel-Redirect family.
	private static final Set<String> URI_SERVERS = Set.of("nginx", "caddy");

	/**
	 * Whether a proxy can hand off objects, i.e. takes a URI rather than a local file path.
	 * @param server the proxy
	 * @return {@code true} for nginx and Caddy
	 */
	public static boolean handsOffObjects(SendfileServer server) {
		return URI_SERVERS.contains(server.id());
	}

	/**
	 * Decides for an untrusted key.
	 * @param storage the object storage
	 * @param untrustedKey the object's path below the storage's key prefix, e.g. from a request
	 * @return an object hand-off, an object streamed by the application, or a refusal
	 */
	public SendfileDecision decide(ObjectStorage storage, String untrustedKey) {
		RelativePath key;
		try {
			key = RelativePath.parse(untrustedKey);
		}
		catch (UnsafePathException ex) {
			return SendfileDecision.Refused.unsafe(ex, untrustedKey);
		}
		String noHandOff = noHandOffReason();
		if (noHandOff != null) {
			return new SendfileDecision.StreamObject(key.toString(), noHandOff);
		}
		URI presigned = storage.presignGet(key.toString());
		String stable = stableValue(presigned);
		String value = (presigned.getRawQuery() != null) ? stable + "?" + presigned.getRawQuery() : stable;
		return new SendfileDecision.ObjectHandOff(key.toString(), this.server.headerName(), value, stable);
	}

	/**
	 * What {@link #decide} gives for a key, without signing anything: the hand-off's value is
	 * its stable part only. For the {@code backend} check's expectation, computed at start-up
	 * when credentials may not be at hand yet.
	 * @param storage the object storage
	 * @param key the object's path below the storage's key prefix, trusted
	 * @return an object hand-off whose value is the stable part, or an object streamed
	 */
	public SendfileDecision expected(ObjectStorage storage, String key) {
		String noHandOff = noHandOffReason();
		if (noHandOff != null) {
			return new SendfileDecision.StreamObject(key, noHandOff);
		}
		String stable = stableValue(storage.url(key));
		return new SendfileDecision.ObjectHandOff(key, this.server.headerName(), stable, stable);
	}

	private @Nullable String noHandOffReason() {
		if (!this.enabled) {
			return "sendfile is disabled (download.sendfile.enabled=false)";
		}
		if (!handsOffObjects(this.server)) {
			return this.server.id() + " hands off local files only; objects need nginx or caddy "
					+ "(download.sendfile.server)";
		}
		return null;
	}

	private String stableValue(URI url) {
		String path = url.getRawPath();
		if (this.server == SendfileServer.NGINX) {
			// nginx percent-decodes the header's path once. Encoded once more, it decodes to the
			// path exactly as signed, which the internal location passes on as is ($1 in
			// proxy_pass). nginx's own re-encoding would leave '+', '=' or '&' decoded and break
			// the signature.
			path = path.replace("%", "%25");
		}
		return SendfileServer.stripTrailingSlash(this.destination) + path;
	}

}
