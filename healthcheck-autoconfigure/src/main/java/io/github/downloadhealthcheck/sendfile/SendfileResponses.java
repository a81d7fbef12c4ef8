package io.github.downloadhealthcheck.sendfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.FileSystemStorage;

/**
 * Turns a {@link SendfileDecision} into the answer a client gets: an empty hand-off with
 * its header, a redirect no cache keeps, the file streamed by the application, or a 404
 * for a refused path.
 */
final class SendfileResponses {

	/** Named after the responder, which users configure logging for. */
	private static final Log logger = LogFactory.getLog(SendfileResponder.class);

	private SendfileResponses() {
	}

	static ResponseEntity<Resource> of(SendfileDecision decision, DownloadStorage storage,
			@Nullable String attachmentName, boolean notFoundWhenMissing, SendfileSettings settings) {
		if (decision instanceof SendfileDecision.Refused refused) {
			logger.warn("Refused download: " + refused.reason());
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		if (decision instanceof SendfileDecision.Redirect redirect) {
			// No cache may keep the redirect: the URL it names expires. The name goes
			// with the store's answer (response-content-disposition), not with this one.
			return ResponseEntity.status(redirect.status())
				.location(redirect.location())
				.header(HttpHeaders.CACHE_CONTROL, RedirectSettings.CACHE_CONTROL)
				.header(HttpHeaders.EXPIRES, "0")
				.contentLength(0)
				.build();
		}
		if (decision instanceof SendfileDecision.HandOff handOff) {
			if (notFoundWhenMissing && storage instanceof FileSystemStorage && missingFromVisibleFolder(handOff)) {
				// Handing it off would only make the proxy answer 404 and log an error.
				return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
			}
			HttpHeaders headers = attachmentHeaders(name(attachmentName, handOff.path()));
			headers.set(handOff.headerName(), handOff.headerValue());
			if (handOff.server() == SendfileServer.NGINX) {
				settings.nginx().headers().forEach(headers::set);
			}
			return ResponseEntity.ok().headers(headers).contentLength(0).build();
		}
		SendfileDecision.Stream stream = (SendfileDecision.Stream) decision;
		Resource body;
		try {
			body = streamed(storage, stream.path());
		}
		catch (NoSuchFileException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		catch (IOException ex) {
			logger.warn("Cannot stream " + PathSafety.forLog(stream.path()) + " from " + storage.describe() + ": "
					+ ex.getMessage());
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
		}
		if (logger.isInfoEnabled()) {
			logger.info("Streaming " + PathSafety.forLog(stream.path()) + " from " + storage.describe()
					+ " through the application: " + stream.reason());
		}
		return ResponseEntity.ok().headers(attachmentHeaders(name(attachmentName, stream.path()))).body(body);
	}

	/**
	 * Whether the file is missing from a rule's folder the application sees. When the
	 * folder itself is missing here, the proxy may still see it (another mount, another
	 * host): the hand-off goes on, and the proxy answers.
	 */
	private static boolean missingFromVisibleFolder(SendfileDecision.HandOff handOff) {
		return Files.isDirectory(Path.of(handOff.storage()))
				&& Files.notExists(Path.of(handOff.path()), LinkOption.NOFOLLOW_LINKS);
	}

	private static Resource streamed(DownloadStorage storage, String path) throws IOException {
		if (storage instanceof FileSystemStorage) {
			// A file resource, not a stream: the container then answers Range requests
			// and sends the length up front.
			Path file = Path.of(path);
			if (!Files.isRegularFile(file)) {
				throw new NoSuchFileException(path);
			}
			return new FileSystemResource(file);
		}
		InputStream content = storage.open(path);
		return new InputStreamResource(content);
	}

	static String name(@Nullable String attachmentName, String path) {
		if (attachmentName != null) {
			return attachmentName;
		}
		int slash = path.lastIndexOf('/');
		return (slash >= 0) ? path.substring(slash + 1) : path;
	}

	private static HttpHeaders attachmentHeaders(String name) {
		HttpHeaders headers = new HttpHeaders();
		// Always name the type: Apache sends none at all when the application does not.
		headers.setContentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM));
		headers.set(HttpHeaders.CONTENT_DISPOSITION, AttachmentNames.contentDisposition(name));
		return headers;
	}

}
