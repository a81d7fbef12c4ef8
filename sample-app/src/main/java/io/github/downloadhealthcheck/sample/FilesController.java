package io.github.downloadhealthcheck.sample;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.ObjectStorage;

/**
 * The application's real downloads: answered through the same {@link SendfileResponder} the
 * healthcheck view uses, so the health checks prove this very path.
 */
@RestController
class FilesController {

	private final SendfileResponder responder;

	private final SampleStorageProperties storage;

	private final ObjectProvider<DownloadStorage> objects;

	FilesController(SendfileResponder responder, SampleStorageProperties storage,
			ObjectProvider<DownloadStorage> objects) {
		this.responder = responder;
		this.storage = storage;
		this.objects = objects;
	}

	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name) {
		// On object storage (download.healthcheck.storage.type=s3) the same API hands objects off.
		if (this.objects.getIfAvailable() instanceof ObjectStorage objectStorage) {
			return this.responder.respond(objectStorage, name);
		}
		Path root = this.storage.root();
		if (root == null || root.toString().isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		return this.responder.respond(root, name);
	}

}
