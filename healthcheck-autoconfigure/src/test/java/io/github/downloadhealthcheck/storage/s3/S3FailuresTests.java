package io.github.downloadhealthcheck.storage.s3;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link S3Failures}: every SDK failure becomes a kind and a reason naming the
 * store.
 */
class S3FailuresTests {

	private static final String STORE = "S3 bucket 'downloads' at http://127.0.0.1:9000";

	private static S3Failures.Failure explain(Throwable error) {
		return S3Failures.explain(error, "read dummy.bin", STORE);
	}

	private static S3Exception s3(int status, String code) {
		return (S3Exception) S3Exception.builder()
			.statusCode(status)
			.message("message with AKIDEXAMPLE and secret details")
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("from the store").build())
			.build();
	}

	@Test
	void missingBucket() {
		S3Failures.Failure failure = explain(NoSuchBucketException.builder().statusCode(404).build());
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.BUCKET_MISSING);
		assertThat(failure.reason()).startsWith("cannot read dummy.bin in " + STORE + ": ")
			.contains("bucket does not exist")
			.contains("download.healthcheck.storage.s3.bucket");
		assertThat(explain(s3(404, "NoSuchBucket")).kind()).isEqualTo(S3Failures.Kind.BUCKET_MISSING);
	}

	@Test
	void missingKey() {
		assertThat(explain(NoSuchKeyException.builder().statusCode(404).build()).kind())
			.isEqualTo(S3Failures.Kind.KEY_MISSING);
		assertThat(explain(s3(404, "NoSuchKey")).kind()).isEqualTo(S3Failures.Kind.KEY_MISSING);
		// A HEAD answer has no body, so no code.
		assertThat(explain(s3(404, "")).kind()).isEqualTo(S3Failures.Kind.KEY_MISSING);
	}

	@Test
	void signatureMismatchSuggestsTheSecretOrTheClock() {
		S3Failures.Failure failure = explain(s3(403, "SignatureDoesNotMatch"));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.SIGNATURE_MISMATCH);
		assertThat(failure.reason()).contains("signature mismatch")
			.contains("wrong secret")
			.contains("clock")
			.contains(STORE);
	}

	@Test
	void unknownAccessKeyNamesTheProperty() {
		S3Failures.Failure failure = explain(s3(403, "InvalidAccessKeyId"));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.UNKNOWN_ACCESS_KEY);
		assertThat(failure.reason()).contains("download.healthcheck.storage.s3.access-key-id");
	}

	@Test
	void clockSkew() {
		S3Failures.Failure failure = explain(s3(403, "RequestTimeTooSkewed"));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.CLOCK_SKEW);
		assertThat(failure.reason()).contains("clock").contains("NTP");
	}

	@Test
	void accessDenied() {
		S3Failures.Failure failure = explain(s3(403, "AccessDenied"));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.ACCESS_DENIED);
		assertThat(failure.reason()).contains("access denied").contains("s3:GetObject");
		assertThat(explain(s3(403, "")).kind()).isEqualTo(S3Failures.Kind.ACCESS_DENIED);
	}

	@Test
	void endpointUnreachable() {
		SdkClientException refused = SdkClientException.builder()
			.message("Unable to execute HTTP request")
			.cause(new ConnectException("Connection refused"))
			.build();
		S3Failures.Failure failure = explain(refused);
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.UNREACHABLE);
		assertThat(failure.reason()).contains("endpoint unreachable").contains(STORE);
		SdkClientException unknownHost = SdkClientException.builder()
			.message("Unable to execute HTTP request")
			.cause(new UnknownHostException("store.invalid"))
			.build();
		assertThat(explain(unknownHost).reason()).contains("does not resolve");
	}

	@Test
	void timeout() {
		S3Failures.Failure failure = explain(ApiCallTimeoutException.create(2000));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.TIMEOUT);
		assertThat(failure.reason()).contains("no answer in time").contains(STORE);
	}

	@Test
	void otherStatusesAreNamedWithoutTheSdkMessage() {
		S3Failures.Failure failure = explain(s3(500, "InternalError"));
		assertThat(failure.kind()).isEqualTo(S3Failures.Kind.OTHER);
		assertThat(failure.reason()).contains("500 InternalError")
			.doesNotContain("AKIDEXAMPLE")
			.doesNotContain("secret");
	}

}
