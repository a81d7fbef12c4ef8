package io.github.downloadhealthcheck.sendfile;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.FileSystemStorage;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The one API an application answers downloads with, on Spring MVC and WebFlux alike: a
 * file under a sendfile rule, or an object of an object store, becomes a hand-off to the
 * reverse proxy ({@code 200}, empty body, the proxy's header); anything else is streamed
 * by the application (and the reason logged); a path that could escape its storage is
 * refused with {@code 404}.
 * <p>
 * Typical use in a controller, with the auto-configured {@link DownloadStorage}:
 * <pre>{@code
 * &#64;GetMapping("/files/{name}")
 * ResponseEntity<Resource> download(@PathVariable String name, HttpMethod method) {
 *     return this.responder.respond(method, this.storage, name);
 * }
 * }</pre>
 */
public final class SendfileResponder {

	private final SendfileSettings settings;

	private final SendfileMapper files;

	private final ObjectSendfile objects;

	private final @Nullable RedirectSendfile redirects;

	/**
	 * Creates a responder.
	 * @param settings the sendfile settings
	 */
	public SendfileResponder(SendfileSettings settings) {
		this.settings = settings;
		this.files = new SendfileMapper(settings.enabled(), settings.rules());
		this.objects = new ObjectSendfile(settings.enabled(), settings.server(), settings.objectDestination());
		RedirectSettings redirect = settings.objectRedirect();
		this.redirects = (settings.enabled() && redirect != null) ? new RedirectSendfile(redirect) : null;
	}

	/**
	 * The settings this responder follows.
	 * @return the settings
	 */
	public SendfileSettings settings() {
		return this.settings;
	}

	/**
	 * Decides what a download becomes, without answering it.
	 * @param storage the storage the path must stay in
	 * @param untrustedPath path below the storage, e.g. from the request
	 * @return a hand-off, the application streaming, or a refusal
	 */
	public SendfileDecision decide(DownloadStorage storage, String untrustedPath) {
		return decide(storage, untrustedPath, HttpMethod.GET, null);
	}

	/**
	 * Decides what a download becomes for a request's method, without answering it: a
	 * HEAD of an object gets a URL presigned for HEAD, since the proxy or the client
	 * sends HEAD to the store.
	 * @param storage the storage the path must stay in
	 * @param untrustedPath path below the storage, e.g. from the request
	 * @param method the request's method
	 * @param attachmentName the name the client saves the file as; the path's last
	 * segment when {@code null}
	 * @return a hand-off, a redirect, the application streaming, or a refusal
	 */
	public SendfileDecision decide(DownloadStorage storage, String untrustedPath, HttpMethod method,
			@Nullable String attachmentName) {
		if (storage instanceof ObjectStorage objectStorage) {
			RedirectSendfile redirects = this.redirects;
			if (redirects != null) {
				return redirects.decide(objectStorage, untrustedPath, method,
						SendfileResponses.name(attachmentName, untrustedPath));
			}
			return this.objects.decide(objectStorage, untrustedPath, method);
		}
		if (storage instanceof FileSystemStorage folder) {
			return this.files.decide(folder.root(), untrustedPath);
		}
		try {
			return new SendfileDecision.Stream(RelativePath.parse(untrustedPath).toString(),
					SendfileDecision.Stream.Why.PROXY_CANNOT,
					"no proxy can be handed files of " + storage.describe() + " off");
		}
		catch (UnsafePathException ex) {
			return SendfileDecision.Refused.unsafe(ex, untrustedPath);
		}
	}

	/**
	 * What {@link #decide} gives for a trusted path, without signing anything: the value
	 * of an object hand-off is its stable part only. For expectations computed at
	 * start-up, when an object store's credentials may not be at hand yet.
	 * @param storage the storage
	 * @param path trusted path below the storage
	 * @return the decision
	 */
	public SendfileDecision expected(DownloadStorage storage, String path) {
		if (storage instanceof ObjectStorage objectStorage) {
			RedirectSendfile redirects = this.redirects;
			return (redirects != null) ? redirects.expected(objectStorage, path)
					: this.objects.expected(objectStorage, path);
		}
		return decide(storage, path);
	}

	/**
	 * Answers a download of {@code path} below {@code storage}, named after its last
	 * segment.
	 * @param storage the storage the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(DownloadStorage storage, String path) {
		return respond(storage, path, null);
	}

	/**
	 * Answers a download of {@code path} below {@code storage}.
	 * @param storage the storage the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @param attachmentName the name the client saves the file as; the path's last
	 * segment when {@code null}
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(DownloadStorage storage, String path, @Nullable String attachmentName) {
		return respond(HttpMethod.GET, storage, path, attachmentName);
	}

	/**
	 * Answers a download of {@code path} below {@code storage}, named after its last
	 * segment, for the request's method: pass it so that a {@code HEAD} of an object
	 * works too (Spring MVC and WebFlux resolve an {@link HttpMethod} argument).
	 * @param method the request's method
	 * @param storage the storage the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(HttpMethod method, DownloadStorage storage, String path) {
		return respond(method, storage, path, null);
	}

	/**
	 * Answers a download of {@code path} below {@code storage} for the request's method.
	 * @param method the request's method
	 * @param storage the storage the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @param attachmentName the name the client saves the file as; the path's last
	 * segment when {@code null}
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(HttpMethod method, DownloadStorage storage, String path,
			@Nullable String attachmentName) {
		return respond(method, storage, path, attachmentName, true);
	}

	/**
	 * Answers a download of {@code path} below {@code storage} like
	 * {@link #respond(HttpMethod, DownloadStorage, String)}, but hands a file under a
	 * rule off even when the application sees it missing: for the healthcheck view, whose
	 * dummy file the storage check owns and reports, so that its absence is not blamed on
	 * the backend.
	 * @param method the request's method
	 * @param storage the storage the path must stay in
	 * @param path trusted relative path
	 * @return the response
	 */
	public ResponseEntity<Resource> respondEvenIfMissing(HttpMethod method, DownloadStorage storage, String path) {
		return respond(method, storage, path, null, false);
	}

	private ResponseEntity<Resource> respond(HttpMethod method, DownloadStorage storage, String path,
			@Nullable String attachmentName, boolean notFoundWhenMissing) {
		return SendfileResponses.of(decide(storage, path, method, attachmentName), storage, attachmentName,
				notFoundWhenMissing, this.settings);
	}

	/**
	 * Answers a download of {@code path} below {@code folder}, named after its last
	 * segment: for applications serving several folders besides the configured storage.
	 * @param folder the folder the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(Path folder, String path) {
		return respond(new FileSystemStorage(folder), path, null);
	}

}
