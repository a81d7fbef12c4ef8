package io.github.downloadhealthcheck.sample;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;

/**
 * The application's real downloads: answered through the same {@link SendfileResponder}
 * and {@link DownloadStorage} the healthcheck view uses, so the health checks prove this
 * very path, on a folder or an object store alike.
 */
@RestController
class FilesController {

	private final SendfileResponder responder;

	private final DownloadStorage storage;

	FilesController(SendfileResponder responder, DownloadStorage storage) {
		this.responder = responder;
		this.storage = storage;
	}

	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name, HttpMethod method) {
		// The method, so that a HEAD of an object is signed for HEAD: the proxy, or the
		// client following a redirect, sends HEAD to the store.
		return this.responder.respond(method, this.storage, name);
	}

}
