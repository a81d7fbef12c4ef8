package io.github.downloadhealthcheck.sample;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;

/**
 * The application's real downloads: answered through the same {@link SendfileResponder} the
 * healthcheck view uses, so the health checks prove this very path.
 */
@RestController
class FilesController {

	private final SendfileResponder responder;

	private final SampleStorageProperties storage;

	FilesController(SendfileResponder responder, SampleStorageProperties storage) {
		this.responder = responder;
		this.storage = storage;
	}

	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name) {
		return this.responder.respond(this.storage.root(), name);
	}

}
