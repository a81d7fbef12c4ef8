package io.github.downloadhealthcheck.sendfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.storage.ObjectStorage;

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

	private final ObjectSendfile objects;

	/**
	 * Creates a responder for files only; objects are handed off to nginx at
	 * {@code /internal-object-storage}.
	 * @param mapper decides hand-off, streaming or refusal
	 * @param nginxOptions extra nginx headers
	 */
	public SendfileResponder(SendfileMapper mapper, NginxOptions nginxOptions) {
		this(mapper, nginxOptions, new ObjectSendfile(mapper.enabled(), SendfileServer.NGINX, "/internal-object-storage"));
	}

	/**
	 * Creates a responder.
	 * @param mapper decides hand-off, streaming or refusal for files
	 * @param nginxOptions extra nginx headers
	 * @param objects decides hand-off or streaming for objects
	 */
	public SendfileResponder(SendfileMapper mapper, NginxOptions nginxOptions, ObjectSendfile objects) {
		this.mapper = mapper;
		this.nginxOptions = nginxOptions;
		this.objects = objects;
	}

	/**
	 * How objects are handed off.
	 * @return the object hand-off settings
	 */
	public ObjectSendfile objects() {
		return this.objects;
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
		HttpHeaders headers = attachmentHeaders(
				(attachmentName != null) ? attachmentName : file.getFileName().toString());
		if (decision instanceof SendfileDecision.HandOff handOff) {
			return handOff(headers, handOff.headerName(), handOff.headerValue(), handOff.rule().server());
		}
		if (logger.isInfoEnabled()) {
			logger.info("Streaming " + PathSafety.forLog(file.toString()) + " from the application: "
					+ ((SendfileDecision.Stream) decision).reason());
		}
		return ResponseEntity.ok().headers(headers).body(new FileSystemResource(file));
	}

	/**
	 * Answers a download of the object {@code key} of an object storage, named after its last
	 * segment: a hand-off to the proxy's internal location for objects, carrying a presigned
	 * GET, so the proxy fetches the object from the store without credentials.
	 * @param storage the object storage
	 * @param key untrusted path below the storage's key prefix, e.g. from the request
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(ObjectStorage storage, String key) {
		return respond(storage, key, null);
	}

	/**
	 * Answers a download of the object {@code key} of an object storage.
	 * @param storage the object storage
	 * @param key untrusted path below the storage's key prefix, e.g. from the request
	 * @param attachmentName the name the client saves the file as; the key's last segment when
	 * {@code null}
	 * @return the response
	 */
	public ResponseEntity<Resource> respond(ObjectStorage storage, String key,
			@org.jspecify.annotations.Nullable String attachmentName) {
		SendfileDecision decision = this.objects.decide(storage, key);
		if (decision instanceof SendfileDecision.Refused refused) {
			logger.warn("Refused download: " + refused.reason());
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		String relative = (decision instanceof SendfileDecision.ObjectHandOff handOff) ? handOff.key()
				: ((SendfileDecision.StreamObject) decision).key();
		HttpHeaders headers = attachmentHeaders(
				(attachmentName != null) ? attachmentName : RelativePath.parse(relative).fileName());
		if (decision instanceof SendfileDecision.ObjectHandOff handOff) {
			return handOff(headers, handOff.headerName(), handOff.headerValue(), this.objects.server());
		}
		InputStream content;
		try {
			content = storage.open(relative);
		}
		catch (NoSuchFileException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		catch (IOException ex) {
			logger.warn("Cannot stream " + PathSafety.forLog(relative) + " from " + storage.describe() + ": "
					+ ex.getMessage());
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
		}
		if (logger.isInfoEnabled()) {
			logger.info("Streaming " + PathSafety.forLog(relative) + " from " + storage.describe()
					+ " through the application: " + ((SendfileDecision.StreamObject) decision).reason());
		}
		return ResponseEntity.ok().headers(headers).body(new InputStreamResource(content));
	}

	private ResponseEntity<Resource> handOff(HttpHeaders headers, String name, String value, SendfileServer server) {
		headers.set(name, value);
		if (server == SendfileServer.NGINX) {
			this.nginxOptions.headers().forEach(headers::set);
		}
		return ResponseEntity.ok().headers(headers).contentLength(0).build();
	}

	private static HttpHeaders attachmentHeaders(String name) {
		HttpHeaders headers = new HttpHeaders();
		// Always name the type: Apache sends none at all when the application does not.
		headers.setContentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM));
		headers.set(HttpHeaders.CONTENT_DISPOSITION, AttachmentNames.contentDisposition(name));
		return headers;
	}

}
