package io.github.downloadhealthcheck.sendfile;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * What a download request becomes, whatever the storage: a hand-off to the proxy, the
 * application streaming the file itself, or a refusal.
 */
public sealed interface SendfileDecision {

	/**
	 * The file or object is handed off to the proxy.
	 *
	 * @param path the file in storage (a folder's absolute path, or an object's key)
	 * @param server the proxy it is handed off to
	 * @param destination where the proxy finds it: the rule's destination, or the
	 * internal location for objects
	 * @param storage the storage the destination stands for, as configured: the rule's
	 * source folder, or the object store
	 * @param headerValue the hand-off header's value, as it goes on the wire
	 * @param signed whether the value ends with a presigned query that differs on every
	 * request
	 */
	record HandOff(String path, SendfileServer server, String destination, String storage, String headerValue,
			boolean signed) implements SendfileDecision {

		/**
		 * The hand-off header.
		 * @return its name, e.g. {@code X-Accel-Redirect}
		 */
		public String headerName() {
			return this.server.headerName();
		}

		/**
		 * The part of the value that is the same on every request: all of it, or the part
		 * before a presigned query.
		 * @return the stable part
		 */
		public String stableValue() {
			int query = this.headerValue.indexOf('?');
			return (this.signed && query >= 0) ? this.headerValue.substring(0, query) : this.headerValue;
		}

		/**
		 * The proxy's own words for the settings this hand-off depends on.
		 * @return the hints
		 */
		public ProxyHints hints() {
			return this.server.hints(this.destination, this.storage);
		}

	}

	/**
	 * The client is redirected to the object on the store's public endpoint, with a URL
	 * presigned for it: the redirect hand-off, for ingresses that cannot hand off.
	 *
	 * @param path the object's key below the storage's key prefix
	 * @param location the presigned URL, or only its stable part for an expectation
	 * @param status the redirect's status
	 * @param storage the object store, as clients reach it
	 * @param lifetime how long the URL stays valid
	 */
	record Redirect(String path, URI location, HttpStatus status, String storage,
			Duration lifetime) implements SendfileDecision {

		/**
		 * The part of the location that is the same on every request: all but the
		 * presigned query.
		 * @return the stable part
		 */
		public String stableLocation() {
			String value = this.location.toString();
			int query = value.indexOf('?');
			return (query >= 0) ? value.substring(0, query) : value;
		}

	}

	/**
	 * The application streams the file or object itself, for the reason given.
	 *
	 * @param path the file in storage (a folder's absolute path, or an object's key)
	 * @param why why no hand-off happens, typed
	 * @param reason why no hand-off happens, in words naming the rules tried
	 */
	record Stream(String path, Why why, String reason) implements SendfileDecision {

		/**
		 * Why the application streams a file itself.
		 */
		public enum Why {

			/** The hand-off is switched off: {@code download.sendfile.enabled=false}. */
			DISABLED,

			/** No sendfile rule covers the file. */
			NO_RULE,

			/**
			 * The rule's proxy cannot be handed this file or this kind of storage off.
			 */
			PROXY_CANNOT

		}

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
