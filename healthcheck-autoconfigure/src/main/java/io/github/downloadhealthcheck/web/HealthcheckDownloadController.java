package io.github.downloadhealthcheck.web;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * The healthcheck download view: answers for the dummy file, and only for it, through the very
 * same {@link SendfileResponder} the application's real downloads use, so that checking it
 * proves the application's real sendfile configuration. Its path is
 * {@code download.healthcheck.view.path}; nothing from the request chooses the file.
 */
@RestController
public final class HealthcheckDownloadController {

	private final SendfileResponder responder;

	private final @Nullable Path storageRoot;

	private final DummyFile dummy;

	/**
	 * Creates the view.
	 * @param responder the application's sendfile responder
	 * @param storageRoot the storage folder holding the dummy file, {@code null} when no
	 * storage is configured
	 * @param dummy the dummy file
	 */
	public HealthcheckDownloadController(SendfileResponder responder, @Nullable Path storageRoot, DummyFile dummy) {
		this.responder = responder;
		this.storageRoot = storageRoot;
		this.dummy = dummy;
	}

	/**
	 * Answers for the dummy file.
	 * @return the hand-off, or the streamed file when no rule covers the storage
	 */
	@GetMapping("${download.healthcheck.view.path:/healthcheck-utils/download/}")
	public ResponseEntity<Resource> download() {
		if (this.storageRoot == null) {
			return ResponseEntity.notFound().build();
		}
		ResponseEntity<Resource> response = this.responder.respond(this.storageRoot, this.dummy.relativePath());
		// Never let a cache between the checks and the application answer in its place.
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.cacheControl(CacheControl.noStore())
			.body(response.getBody());
	}

}
