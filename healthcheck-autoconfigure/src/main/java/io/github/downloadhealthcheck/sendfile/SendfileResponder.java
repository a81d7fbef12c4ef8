package io.github.downloadhealthcheck.sendfile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;

/**
 * The one API an application answers downloads with: a file under a sendfile rule becomes a
 * hand-off to the reverse proxy ({@code 200}, empty body, the proxy's header), a file under no
 * rule is streamed by the application (and the reason logged), and a path that could escape
 * its folder is refused with {@code 404}.
 * <p>
 * Typical use in a controller:
 * <pre>{@code
 * @GetMapping("/files/{name}")
 * ResponseEntity<Resource> download(@PathVariable String name) {
 *     return responder.respond(storageRoot, name);
 * }
 * }</pre>
 */
public final class SendfileResponder {

	private static final Log logger = LogFactory.getLog(SendfileResponder.class);

	private final SendfileMapper mapper;

	private final NginxOptions nginxOptions;

	/**
	 * Creates a responder.
	 * @param mapper decides hand-off, streaming or refusal
	 * @param nginxOptions extra nginx headers
	 */
	public SendfileResponder(SendfileMapper mapper, NginxOptions nginxOptions) {
		this.mapper = mapper;
		this.nginxOptions = nginxOptions;
	}

	/**
	 * The mapper behind this responder.
	 * @return the mapper
	 */
	public SendfileMapper mapper() {
		return this.mapper;
	}

	/**
	 * Answers a download of {@code path} below {@code folder}, named after its last segment.
	 * @param folder the folder the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(Path folder, String path) {
		return respond(folder, path, null);
	}

	/**
	 * Answers a download of {@code path} below {@code folder}.
	 * @param folder the folder the path must stay in
	 * @param path untrusted relative path, e.g. from the request
	 * @param attachmentName the name the client saves the file as; the file's own name when
	 * {@code null}
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(Path folder, String path, @org.jspecify.annotations.Nullable String attachmentName) {
		SendfileDecision decision = this.mapper.decide(folder, path);
		if (decision instanceof SendfileDecision.Refused refused) {
			logger.warn("Refused download: " + refused.reason());
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		Path file = (decision instanceof SendfileDecision.HandOff handOff) ? handOff.file()
				: ((SendfileDecision.Stream) decision).file();
		// A hand-off leaves reading the file to the proxy, which answers 404 itself: the
		// application may not even see the storage the way the proxy does.
		if (decision instanceof SendfileDecision.Stream && !Files.isRegularFile(file)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		String name = (attachmentName != null) ? attachmentName : file.getFileName().toString();
		HttpHeaders headers = new HttpHeaders();
		// Always name the type: Apache sends none at all when the application does not.
		headers.setContentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM));
		headers.set(HttpHeaders.CONTENT_DISPOSITION, AttachmentNames.contentDisposition(name));
		if (decision instanceof SendfileDecision.HandOff handOff) {
			headers.set(handOff.headerName(), handOff.headerValue());
			if (handOff.rule().server() == SendfileServer.NGINX) {
				this.nginxOptions.headers().forEach(headers::set);
			}
			return ResponseEntity.ok().headers(headers).contentLength(0).build();
		}
		if (logger.isInfoEnabled()) {
			logger.info("Streaming " + PathSafety.forLog(file.toString()) + " from the application: "
					+ ((SendfileDecision.Stream) decision).reason());
		}
		return ResponseEntity.ok().headers(headers).body(new FileSystemResource(file));
	}

}
