package io.github.downloadhealthcheck.sendfile;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.storage.s3.S3Location;
import io.github.downloadhealthcheck.storage.s3.S3ObjectStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the redirect hand-off ({@link RedirectSendfile} through
 * {@link SendfileResponder}) and for HEADs of objects, with the real AWS SDK signer;
 * presigning is local, so no store is needed.
 */
class RedirectSendfileTests {

	private static final URI ENDPOINT = URI.create("http://10.0.0.5:9000");

	private static final URI PUBLIC = URI.create("https://files.example.com");

	private final StaticCredentialsProvider credentials = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI"));

	private final S3Client client = S3Client.builder()
		.endpointOverride(ENDPOINT)
		.region(Region.US_EAST_1)
		.forcePathStyle(true)
		.credentialsProvider(this.credentials)
		.build();

	private final S3Presigner presigner = presigner(ENDPOINT);

	private final S3Presigner publicPresigner = presigner(PUBLIC);

	private final S3ObjectStorage storage = new S3ObjectStorage(this.client, this.presigner,
			new S3Location("downloads", "files"), Duration.ofSeconds(2), Duration.ofSeconds(60), this.publicPresigner,
			PUBLIC);

	private S3Presigner presigner(URI endpoint) {
		return S3Presigner.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.credentialsProvider(this.credentials)
			.build();
	}

	@AfterEach
	void close() {
		this.client.close();
		this.presigner.close();
		this.publicPresigner.close();
	}

	@Test
	void redirectsToAUrlPresignedOnThePublicEndpointThatNoCacheKeeps() {
		ResponseEntity<Resource> response = responder(HttpStatus.FOUND).respond(HttpMethod.GET, this.storage,
				"reports/q1 2026.pdf");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(response.getBody()).isNull();
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store, private, max-age=0");
		assertThat(response.getHeaders().getContentLength()).isZero();
		URI location = response.getHeaders().getLocation();
		assertThat(location).isNotNull();
		assertThat(location.toString()).startsWith("https://files.example.com/downloads/files/reports/q1%202026.pdf?")
			.contains("X-Amz-Expires=300")
			.contains("X-Amz-Signature=")
			// The name the browser saves the file as, answered by the store.
			.contains("response-content-disposition=attachment%3B%20filename%3D%22q1%202026.pdf%22");
	}

	@Test
	void statusIsConfigurable() {
		assertThat(responder(HttpStatus.SEE_OTHER).respond(HttpMethod.GET, this.storage, "a.txt").getStatusCode())
			.isEqualTo(HttpStatus.SEE_OTHER);
	}

	@Test
	void headIsRedirectedToAUrlSignedForHeadWhichDiffers() {
		SendfileResponder responder = responder(HttpStatus.FOUND);
		URI get = responder.respond(HttpMethod.GET, this.storage, "a.txt").getHeaders().getLocation();
		URI head = responder.respond(HttpMethod.HEAD, this.storage, "a.txt").getHeaders().getLocation();
		assertThat(head).isNotNull();
		assertThat(get).isNotNull();
		assertThat(head.toString()).startsWith("https://files.example.com/downloads/files/a.txt?")
			.doesNotContain("response-content-disposition");
		assertThat(signature(head)).isNotEqualTo(signature(get));
	}

	@Test
	void unsafePathsAreRefusedAsInTheHeaderHandOff() {
		assertThat(responder(HttpStatus.FOUND).respond(HttpMethod.GET, this.storage, "../other/a.txt").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void expectationIsTheUnsignedPublicUrl() {
		SendfileDecision expected = responder(HttpStatus.FOUND).expected(this.storage, "a b.txt");
		assertThat(expected).isInstanceOf(SendfileDecision.Redirect.class);
		assertThat(((SendfileDecision.Redirect) expected).stableLocation())
			.isEqualTo("https://files.example.com/downloads/files/a%20b.txt");
	}

	@Test
	void headerHandOffOfAHeadIsSignedForHead() {
		SendfileResponder responder = new SendfileResponder(SendfileSettings.of(List.of()));
		String get = responder.respond(HttpMethod.GET, this.storage, "a.txt").getHeaders().getFirst("X-Accel-Redirect");
		String head = responder.respond(HttpMethod.HEAD, this.storage, "a.txt")
			.getHeaders()
			.getFirst("X-Accel-Redirect");
		assertThat(head).isNotNull().startsWith("/internal-object-storage/downloads/files/a.txt?");
		assertThat(get).isNotNull();
		assertThat(signature(URI.create(head))).isNotEqualTo(signature(URI.create(get)));
	}

	private static SendfileResponder responder(HttpStatus status) {
		return new SendfileResponder(new SendfileSettings(true, SendfileServer.NGINX, List.of(), NginxOptions.none(),
				SendfileSettings.DEFAULT_OBJECT_DESTINATION, new RedirectSettings(status, Duration.ofMinutes(5))));
	}

	private static String signature(URI uri) {
		String query = uri.getRawQuery();
		return query.substring(query.indexOf("X-Amz-Signature=")).substring(0, 40);
	}

}
