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
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.internal.check.BackendExpectation;
import io.github.downloadhealthcheck.storage.s3.S3Location;
import io.github.downloadhealthcheck.storage.s3.S3ObjectStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObjectSendfile} and
 * {@link SendfileResponder#respond(io.github.downloadhealthcheck.storage.ObjectStorage, String)}
 * with the real AWS SDK signer; presigning is local, so no store is needed.
 */
class ObjectSendfileTests {

	private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

	private final StaticCredentialsProvider credentials = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI"));

	private final S3Client client = S3Client.builder()
		.endpointOverride(ENDPOINT)
		.region(Region.US_EAST_1)
		.forcePathStyle(true)
		.credentialsProvider(this.credentials)
		.build();

	private final S3Presigner presigner = S3Presigner.builder()
		.endpointOverride(ENDPOINT)
		.region(Region.US_EAST_1)
		.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
		.credentialsProvider(this.credentials)
		.build();

	private final S3ObjectStorage storage = new S3ObjectStorage(this.client, this.presigner,
			new S3Location("downloads", "files"), Duration.ofSeconds(2), Duration.ofSeconds(60));

	@AfterEach
	void close() {
		this.client.close();
		this.presigner.close();
	}

	@Test
	void handsOffToTheInternalLocationWithAPresignedQuery() {
		ObjectSendfile objects = new ObjectSendfile(true, SendfileServer.NGINX, "/internal-object-storage/");
		SendfileDecision decision = objects.decide(this.storage, "reports/q1 2026.pdf");
		assertThat(decision).isInstanceOf(SendfileDecision.HandOff.class);
		SendfileDecision.HandOff handOff = (SendfileDecision.HandOff) decision;
		assertThat(handOff.signed()).isTrue();
		assertThat(handOff.headerName()).isEqualTo("X-Accel-Redirect");
		// Encoded twice: nginx decodes once, and passes the path on to the store exactly
		// as signed.
		assertThat(handOff.stableValue()).isEqualTo("/internal-object-storage/downloads/files/reports/q1%25202026.pdf");
		assertThat(handOff.headerValue()).startsWith(handOff.stableValue() + "?")
			.contains("X-Amz-Expires=60")
			.contains("X-Amz-Signature=")
			.doesNotContain("wJalrXUtnFEMI");
	}

	@Test
	void expectationComparesTheStablePartOnly() {
		ObjectSendfile objects = new ObjectSendfile(true, SendfileServer.NGINX, "/internal-object-storage");
		BackendExpectation expectation = BackendExpectation.from(objects.expected(this.storage, "dummy.bin"));
		String first = ((SendfileDecision.HandOff) objects.decide(this.storage, "dummy.bin")).headerValue();
		assertThat(expectation.matches(first)).isTrue();
		assertThat(expectation.shownValue())
			.isEqualTo("/internal-object-storage/downloads/files/dummy.bin?<presigned query>");
		assertThat(expectation.matches("/internal-object-storage/downloads/files/other.bin?X-Amz-Signature=x"))
			.isFalse();
		assertThat(expectation.matches("/internal-object-storage/downloads/files/dummy.bin.old")).isFalse();
	}

	@Test
	void unsafeKeysAreRefused() {
		ObjectSendfile objects = new ObjectSendfile(true, SendfileServer.NGINX, "/internal-object-storage");
		assertThat(objects.decide(this.storage, "../secrets.txt")).isInstanceOf(SendfileDecision.Refused.class);
		assertThat(objects.decide(this.storage, "/etc/passwd")).isInstanceOf(SendfileDecision.Refused.class);
		SendfileResponder responder = new SendfileResponder(SendfileSettings.of(List.of()));
		assertThat(responder.respond(this.storage, "a/%2e%2e/b").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void disabledSendfileStreamsFromTheApplication() {
		ObjectSendfile objects = new ObjectSendfile(false, SendfileServer.NGINX, "/internal-object-storage");
		assertThat(objects.decide(this.storage, "dummy.bin")).isInstanceOfSatisfying(SendfileDecision.Stream.class,
				(stream) -> assertThat(stream.reason()).contains("download.sendfile.enabled=false"));
	}

	@Test
	void responderAnswersWithAnEmptyBodyAndTheHandOffHeader() {
		SendfileResponder responder = new SendfileResponder(SendfileSettings.of(List.of()));
		ResponseEntity<Resource> response = responder.respond(this.storage, "reports/summary.pdf");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).isNull();
		assertThat(response.getHeaders().getFirst("X-Accel-Redirect"))
			.startsWith("/internal-object-storage/downloads/files/reports/summary.pdf?");
		assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"summary.pdf\"");
		assertThat(response.getHeaders().getContentType()).hasToString("application/pdf");
	}

}
