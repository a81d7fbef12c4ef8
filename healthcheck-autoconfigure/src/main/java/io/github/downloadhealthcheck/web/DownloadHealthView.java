package io.github.downloadhealthcheck.web;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * The healthcheck view: answers for the dummy file, and only for it, through the very
 * same {@link SendfileResponder} and {@link DownloadStorage} the application's real
 * downloads use, so that checking it proves the application's real sendfile
 * configuration. Nothing from the request chooses the file. Served at
 * {@code download.healthcheck.view.path} by {@link WebMvcResponses#route} or
 * {@link WebFluxResponses#route}, whichever web stack the application runs.
 */
public final class DownloadHealthView {

	private final SendfileResponder responder;

	private final DownloadStorage storage;

	private final DummyFile dummy;

	/**
	 * Creates the view.
	 * @param responder the application's sendfile responder
	 * @param storage the storage holding the dummy file
	 * @param dummy the dummy file
	 */
	public DownloadHealthView(SendfileResponder responder, DownloadStorage storage, DummyFile dummy) {
		this.responder = responder;
		this.storage = storage;
		this.dummy = dummy;
	}

	/**
	 * Answers for the dummy file.
	 * @return the hand-off, or the streamed file when no rule covers the storage
	 */
	public ResponseEntity<Resource> respond() {
		return respond(HttpMethod.GET);
	}

	/**
	 * Answers for the dummy file, for a request's method: a HEAD is answered as the
	 * application's own downloads answer it.
	 * @param method the request's method
	 * @return the hand-off or redirect, or the streamed file when no rule covers the
	 * storage
	 */
	public ResponseEntity<Resource> respond(HttpMethod method) {
		ResponseEntity<Resource> response = this.responder.respondEvenIfMissing(method, this.storage,
				this.dummy.relativePath());
		if (response.getHeaders().getCacheControl() != null) {
			// A redirect keeps its own, stricter Cache-Control.
			return response;
		}
		// Never let a cache between the checks and the application answer in its place.
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.cacheControl(CacheControl.noStore())
			.body(response.getBody());
	}

}
