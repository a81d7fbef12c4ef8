package com.example.downloads;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;

@RestController
class DownloadController {

	private final SendfileResponder responder;

	private final DownloadStorage storage;

	DownloadController(SendfileResponder responder, DownloadStorage storage) {
		this.responder = responder;
		this.storage = storage;
	}

	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name) {
		// 200, empty body, X-Accel-Redirect: nginx sends the file. Unsafe paths get 404.
		return this.responder.respond(this.storage, name);
	}

}
