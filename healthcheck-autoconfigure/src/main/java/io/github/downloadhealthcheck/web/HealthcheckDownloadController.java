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
import io.github.downloadhealthcheck.storage.ObjectStorage;

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

	private final @Nullable ObjectStorage objects;

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
		this.objects = null;
		this.dummy = dummy;
	}

	/**
	 * Creates the view for downloads from object storage: it answers with the object hand-off,
	 * a presigned GET for the proxy, like the application's own object downloads.
	 * @param responder the application's sendfile responder
	 * @param objects the object storage holding the dummy object
	 * @param dummy the dummy file
	 */
	public HealthcheckDownloadController(SendfileResponder responder, ObjectStorage objects, DummyFile dummy) {
		this.responder = responder;
		this.storageRoot = null;
		this.objects = objects;
		this.dummy = dummy;
	}

	/**
	 * Answers for the dummy file.
	 * @return the hand-off, or the streamed file when no rule covers the storage
	 */
	@GetMapping("${download.healthcheck.view.path:/healthcheck-utils/download/}")
	public ResponseEntity<Resource> download() {
		ResponseEntity<Resource> response;
		if (this.objects != null) {
			response = this.responder.respond(this.objects, this.dummy.relativePath());
		}
		else if (this.storageRoot != null) {
			response = this.responder.respond(this.storageRoot, this.dummy.relativePath());
		}
		else {
			return ResponseEntity.notFound().build();
		}
		// Never let a cache between the checks and the application answer in its place.
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.cacheControl(CacheControl.noStore())
			.body(response.getBody());
	}

}
