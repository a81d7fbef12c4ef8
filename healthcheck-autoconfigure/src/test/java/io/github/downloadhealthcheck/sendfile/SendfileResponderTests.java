package io.github.downloadhealthcheck.sendfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.storage.FileSystemStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendfileResponder}.
 */
class SendfileResponderTests {

	private static final List<String> NGINX_EXTRAS = List.of("X-Accel-Buffering", "X-Accel-Limit-Rate",
			"X-Accel-Expires", "X-Accel-Charset");

	@TempDir
	Path temp;

	private Path root;

	@BeforeEach
	void createStorageRoot() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("files"));
	}

	@Test
	void fileUnderRuleIsAnsweredWithAnEmptyHandOff() throws IOException {
		Files.writeString(this.root.resolve("report.pdf"), "not empty");
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(this.root, "report.pdf");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isNull();
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getContentLength()).isZero();
		assertThat(headers.getFirst("X-Accel-Redirect")).isEqualTo("/internal/report.pdf");
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"report.pdf\"");
	}

	@Test
	void attachmentNameChoosesContentTypeAndDisposition() throws IOException {
		Files.writeString(this.root.resolve("blob-1234"), "not empty");
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(new FileSystemStorage(this.root),
				"blob-1234", "résumé.txt");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"resume.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
		assertThat(response.getHeaders().getFirst("X-Accel-Redirect")).isEqualTo("/internal/blob-1234");
	}

	@Test
	void unknownExtensionIsSentAsOctetStream() throws IOException {
		Files.writeString(this.root.resolve("data.unknown-extension"), "x");
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(this.root, "data.unknown-extension");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Test
	void nginxExtrasAreSentWhenSet() throws IOException {
		Files.writeString(this.root.resolve("a.bin"), "x");
		ResponseEntity<Resource> response = responder(new NginxOptions(false, 1024L, "off", "utf-8")).respond(this.root,
				"a.bin");
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("X-Accel-Buffering")).isEqualTo("no");
		assertThat(headers.getFirst("X-Accel-Limit-Rate")).isEqualTo("1024");
		assertThat(headers.getFirst("X-Accel-Expires")).isEqualTo("off");
		assertThat(headers.getFirst("X-Accel-Charset")).isEqualTo("utf-8");
	}

	@Test
	void nginxExtrasAreNotSentWhenUnset() throws IOException {
		Files.writeString(this.root.resolve("a.bin"), "x");
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(this.root, "a.bin");
		NGINX_EXTRAS.forEach((name) -> assertThat(response.getHeaders().containsHeader(name)).as(name).isFalse());
		assertThat(response.getHeaders().getFirst("X-Accel-Redirect")).isEqualTo("/internal/a.bin");
	}

	@Test
	void onlyTheNginxExtrasThatAreSetAreSent() throws IOException {
		Files.writeString(this.root.resolve("a.bin"), "x");
		ResponseEntity<Resource> response = responder(new NginxOptions(true, null, null, null)).respond(this.root,
				"a.bin");
		assertThat(response.getHeaders().getFirst("X-Accel-Buffering")).isEqualTo("yes");
		NGINX_EXTRAS.subList(1, NGINX_EXTRAS.size())
			.forEach((name) -> assertThat(response.getHeaders().containsHeader(name)).as(name).isFalse());
	}

	@Test
	void fileOutsideEveryRuleIsStreamed() throws IOException {
		Path elsewhere = Files.createDirectories(this.temp.resolve("elsewhere"));
		Path file = Files.writeString(elsewhere.resolve("notes.txt"), "streamed by the application");
		ResponseEntity<Resource> response = responder(new NginxOptions(false, 1024L, "off", "utf-8")).respond(elsewhere,
				"notes.txt");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isInstanceOfSatisfying(FileSystemResource.class,
				(resource) -> assertThat(resource.getFile().toPath()).isEqualTo(file));
		assertThat(response.getBody().getContentAsByteArray()).isEqualTo(Files.readAllBytes(file));
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.containsHeader("X-Accel-Redirect")).isFalse();
		NGINX_EXTRAS.forEach((name) -> assertThat(headers.containsHeader(name)).as(name).isFalse());
		assertThat(headers.getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"notes.txt\"");
	}

	@Test
	void disabledSendfileStreamsFilesUnderARule() throws IOException {
		Path file = Files.writeString(this.root.resolve("a.txt"), "x");
		SendfileResponder responder = new SendfileResponder(new SendfileSettings(false, SendfileServer.NGINX,
				List.of(new SendfileRule(this.root, "/internal", SendfileServer.NGINX)), NginxOptions.none(),
				SendfileSettings.DEFAULT_OBJECT_DESTINATION));
		ResponseEntity<Resource> response = responder.respond(this.root, "a.txt");
		assertThat(response.getBody()).isInstanceOfSatisfying(FileSystemResource.class,
				(resource) -> assertThat(resource.getFile().toPath()).isEqualTo(file));
		assertThat(response.getHeaders().containsHeader("X-Accel-Redirect")).isFalse();
	}

	@Test
	void refusedPathIsNotFound() throws IOException {
		Files.writeString(this.temp.resolve("secret.txt"), "secret");
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(this.root, "../secret.txt");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isNull();
		assertThat(response.getHeaders().containsHeader("X-Accel-Redirect")).isFalse();
		assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_DISPOSITION)).isFalse();
	}

	@Test
	void missingFileUnderARuleIsNotFoundWithoutAHandOff() {
		// The application sees the rule's folder: handing off would only make the proxy
		// answer 404 and log an error.
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(this.root, "missing.bin");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isNull();
		assertThat(response.getHeaders().containsHeader("X-Accel-Redirect")).isFalse();
	}

	@Test
	void fileUnderARuleFolderTheApplicationDoesNotSeeIsHandedOffForTheProxyToAnswer() {
		// Another mount, another host: the proxy may see what the application does not.
		Path unseen = this.temp.resolve("mounted-on-the-proxy-only");
		SendfileResponder responder = new SendfileResponder(new SendfileSettings(true, SendfileServer.NGINX,
				List.of(new SendfileRule(unseen, "/internal", SendfileServer.NGINX)), NginxOptions.none(),
				SendfileSettings.DEFAULT_OBJECT_DESTINATION));
		ResponseEntity<Resource> response = responder.respond(unseen, "report.pdf");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getFirst("X-Accel-Redirect")).isEqualTo("/internal/report.pdf");
	}

	@Test
	void missingFileIsHandedOffWhenAskedEvenIfMissing() {
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respondEvenIfMissing(HttpMethod.GET,
				new FileSystemStorage(this.root), "missing.bin");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isNull();
		assertThat(response.getHeaders().getFirst("X-Accel-Redirect")).isEqualTo("/internal/missing.bin");
	}

	@Test
	void missingFileOutsideEveryRuleIsNotFound() throws IOException {
		Path elsewhere = Files.createDirectories(this.temp.resolve("elsewhere"));
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(elsewhere, "missing.bin");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isNull();
	}

	@Test
	void folderOutsideEveryRuleIsNotFound() throws IOException {
		Path elsewhere = Files.createDirectories(this.temp.resolve("elsewhere/sub"));
		ResponseEntity<Resource> response = responder(NginxOptions.none()).respond(elsewhere.getParent(), "sub");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isNull();
	}

	private SendfileResponder responder(NginxOptions options) {
		return new SendfileResponder(new SendfileSettings(true, SendfileServer.NGINX,
				List.of(new SendfileRule(this.root, "/internal", SendfileServer.NGINX)), options,
				SendfileSettings.DEFAULT_OBJECT_DESTINATION));
	}

}
