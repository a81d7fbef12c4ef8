package io.github.downloadhealthcheck.sendfile;

import org.springframework.http.HttpMethod;

import io.github.downloadhealthcheck.storage.ClientPresign;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The redirect hand-off of objects: the client is sent, with a redirect, to a URL
 * presigned for its own method on the store's public endpoint, carrying the file name as
 * the store's {@code response-content-disposition}. For ingresses that cannot hand off;
 * the path safety is the header hand-off's.
 *
 * @param settings the redirect's status and lifetime
 */
record RedirectSendfile(RedirectSettings settings) {

	/**
	 * Decides for an untrusted key.
	 * @param storage the object storage
	 * @param untrustedKey the object's path below the storage's key prefix
	 * @param method the request's method: a HEAD is redirected to a URL signed for HEAD
	 * @param attachmentName the name the client saves the object as
	 * @return a redirect, or a refusal
	 */
	SendfileDecision decide(ObjectStorage storage, String untrustedKey, HttpMethod method, String attachmentName) {
		RelativePath key;
		try {
			key = RelativePath.parse(untrustedKey);
		}
		catch (UnsafePathException ex) {
			return SendfileDecision.Refused.unsafe(ex, untrustedKey);
		}
		ClientPresign request = new ClientPresign(HttpMethod.HEAD.equals(method) ? HttpMethod.HEAD : HttpMethod.GET,
				this.settings.lifetime(), AttachmentNames.contentDisposition(attachmentName));
		return new SendfileDecision.Redirect(key.toString(), storage.presignForClient(key.toString(), request),
				this.settings.status(), storage.describePublic(), this.settings.lifetime());
	}

	/**
	 * What {@link #decide} gives for a trusted key, without signing anything: the
	 * location is the object's unsigned URL on the public endpoint.
	 * @param storage the object storage
	 * @param key the object's path below the storage's key prefix
	 * @return the redirect expected
	 */
	SendfileDecision expected(ObjectStorage storage, String key) {
		return new SendfileDecision.Redirect(key, storage.publicUrl(key), this.settings.status(),
				storage.describePublic(), this.settings.lifetime());
	}

}
