package io.github.downloadhealthcheck.sendfile;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * How objects of an {@link ObjectStorage} are handed off: to an internal location of the
 * proxy that proxies to the store, with a presigned GET so the proxy needs no
 * credentials. nginx gets
 * {@code X-Accel-Redirect: <destination>/<bucket>/<key>?<presigned query>}, the path
 * percent-encoded twice; its internal location passes the once-decoded path and the query
 * on to the store as is. Only proxies that take a URI in their hand-off header can do
 * this: Apache's and lighttpd's {@code X-Sendfile} take a local file path.
 *
 * @param enabled whether hand-offs are enabled at all ({@code download.sendfile.enabled})
 * @param server the proxy objects are handed off to
 * @param destination URI prefix of the proxy's internal location for objects
 */
record ObjectSendfile(boolean enabled, SendfileServer server, String destination) {

	/**
	 * Decides for an untrusted key.
	 * @param storage the object storage
	 * @param untrustedKey the object's path below the storage's key prefix, e.g. from a
	 * request
	 * @return an object hand-off, an object streamed by the application, or a refusal
	 */
	SendfileDecision decide(ObjectStorage storage, String untrustedKey) {
		return decide(storage, untrustedKey, HttpMethod.GET);
	}

	/**
	 * Decides for an untrusted key and the request's method: the proxy passes a HEAD on
	 * to the store as HEAD, so a HEAD gets a URL presigned for HEAD.
	 * @param storage the object storage
	 * @param untrustedKey the object's path below the storage's key prefix, e.g. from a
	 * request
	 * @param method the request's method
	 * @return an object hand-off, an object streamed by the application, or a refusal
	 */
	SendfileDecision decide(ObjectStorage storage, String untrustedKey, HttpMethod method) {
		RelativePath key;
		try {
			key = RelativePath.parse(untrustedKey);
		}
		catch (UnsafePathException ex) {
			return SendfileDecision.Refused.unsafe(ex, untrustedKey);
		}
		SendfileDecision.Stream noHandOff = noHandOff(key.toString());
		if (noHandOff != null) {
			return noHandOff;
		}
		URI presigned = HttpMethod.HEAD.equals(method) ? storage.presignHead(key.toString())
				: storage.presignGet(key.toString());
		String stable = stableValue(presigned);
		String value = (presigned.getRawQuery() != null) ? stable + "?" + presigned.getRawQuery() : stable;
		return new SendfileDecision.HandOff(key.toString(), this.server, this.destination, storage.describe(), value,
				true);
	}

	/**
	 * What {@link #decide} gives for a key, without signing anything: the hand-off's
	 * value is its stable part only. For the {@code backend} check's expectation,
	 * computed at start-up when credentials may not be at hand yet.
	 * @param storage the object storage
	 * @param key the object's path below the storage's key prefix, trusted
	 * @return a hand-off whose value is the stable part, or an object streamed
	 */
	SendfileDecision expected(ObjectStorage storage, String key) {
		SendfileDecision.Stream noHandOff = noHandOff(key);
		if (noHandOff != null) {
			return noHandOff;
		}
		return new SendfileDecision.HandOff(key, this.server, this.destination, storage.describe(),
				stableValue(storage.url(key)), true);
	}

	private SendfileDecision.@Nullable Stream noHandOff(String key) {
		if (!this.enabled) {
			return new SendfileDecision.Stream(key, SendfileDecision.Stream.Why.DISABLED,
					"sendfile is disabled (download.sendfile.enabled=false)");
		}
		if (!this.server.takesUri()) {
			return new SendfileDecision.Stream(key, SendfileDecision.Stream.Why.PROXY_CANNOT, this.server.id()
					+ " hands off local files only; objects need nginx or caddy " + "(download.sendfile.server)");
		}
		return null;
	}

	private String stableValue(URI url) {
		String path = url.getRawPath();
		if (this.server == SendfileServer.NGINX) {
			// nginx percent-decodes the header's path once. Encoded once more, it decodes
			// to the path exactly as signed, which the internal location passes on as is
			// ($1 in proxy_pass). nginx's own re-encoding would leave '+', '=' or '&'
			// decoded and break the signature.
			path = path.replace("%", "%25");
		}
		return SendfileServer.stripTrailingSlash(this.destination) + path;
	}

}
