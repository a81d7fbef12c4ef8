package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.s3.S3ObjectStorage;
import io.github.downloadhealthcheck.web.DownloadHealthView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadS3StorageAutoConfiguration}. No store is contacted: building
 * clients and presigning are local.
 */
class DownloadS3StorageAutoConfigurationTests {

	private static final String SECRET = "wJalrXUtnFEMI-secret";

	// Port 9 (discard) on loopback: nothing listens, the start-up write fails fast and is
	// logged.
	private static final String ENDPOINT = "http://127.0.0.1:9";

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(SendfileAutoConfiguration.class, DownloadS3StorageAutoConfiguration.class,
						DownloadStorageAutoConfiguration.class, DownloadHealthContributorAutoConfiguration.class));
	}

	private WebApplicationContextRunner s3() {
		return runner().withPropertyValues("download.healthcheck.storage.type=s3",
				"download.healthcheck.storage.s3.bucket=downloads",
				"download.healthcheck.storage.s3.endpoint=" + ENDPOINT,
				"download.healthcheck.storage.s3.region=us-east-1",
				"download.healthcheck.storage.s3.path-style-access=true",
				"download.healthcheck.storage.s3.access-key-id=AKIDEXAMPLE",
				"download.healthcheck.storage.s3.secret-access-key=" + SECRET);
	}

	@Test
	void fileSystemStaysTheDefault() {
		runner().run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(S3ObjectStorage.class)
			.doesNotHaveBean(S3Client.class));
	}

	@Test
	void s3StorageWithItsOwnClient() {
		s3().run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(S3Client.class).hasSingleBean(S3ObjectStorage.class);
			DownloadStorage storage = context.getBean(DownloadStorage.class);
			assertThat(storage.describe()).isEqualTo("S3 bucket 'downloads' at " + ENDPOINT).doesNotContain(SECRET);
			// Nothing listens on the endpoint: the storage check says so, naming the
			// store.
			DownloadHealthMonitor monitor = context.getBean(DownloadHealthMonitor.class);
			CheckResult result = monitor.refresh().get(10, TimeUnit.SECONDS).results().get(Layer.STORAGE);
			assertThat(result.isDown()).isTrue();
			assertThat(result.reason()).contains("S3 bucket 'downloads' at " + ENDPOINT)
				.contains("endpoint unreachable")
				.doesNotContain(SECRET);
		});
	}

	@Test
	void healthcheckViewHandsTheDummyObjectOffWithAPresignedGet() {
		s3().withPropertyValues("download.healthcheck.storage.s3.key-prefix=app/",
				"download.healthcheck.storage.s3.presign-validity=15s")
			.run((context) -> {
				ResponseEntity<Resource> response = context.getBean(DownloadHealthView.class).respond();
				assertThat(response.getStatusCode().value()).isEqualTo(200);
				assertThat(response.getHeaders().getFirst("X-Accel-Redirect"))
					.startsWith("/internal-object-storage/downloads/app/.download-healthcheck/dummy.bin?")
					.contains("X-Amz-Expires=15");
			});
	}

	@Test
	void objectDestinationIsConfigurable() {
		s3().withPropertyValues("download.sendfile.object-storage.destination=/s3/").run((context) -> {
			ResponseEntity<Resource> response = context.getBean(DownloadHealthView.class).respond();
			assertThat(response.getHeaders().getFirst("X-Accel-Redirect"))
				.startsWith("/s3/downloads/.download-healthcheck/dummy.bin?");
		});
	}

	@Test
	void usesTheApplicationsOwnClient() {
		s3().withBean(S3Client.class,
				() -> S3Client.builder()
					.endpointOverride(URI.create("http://127.0.0.1:19000"))
					.region(Region.EU_WEST_1)
					.forcePathStyle(true)
					.credentialsProvider(AnonymousCredentialsProvider.create())
					.build())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(S3Client.class);
				assertThat(context.getBean(DownloadStorage.class).describe())
					.isEqualTo("S3 bucket 'downloads' at http://127.0.0.1:19000");
			});
	}

	@Test
	void bucketIsRequired() {
		runner()
			.withPropertyValues("download.healthcheck.storage.type=s3",
					"download.healthcheck.storage.s3.region=us-east-1")
			.run((context) -> FailureAnalysisAssert.assertFailed(context, "download.healthcheck.storage.s3.bucket", "",
					"bucket downloads are stored in"));
	}

	@Test
	void secretWithoutAccessKeyIdIsRefusedWithoutShowingIt() {
		runner().withPropertyValues("download.healthcheck.storage.type=s3",
				"download.healthcheck.storage.s3.bucket=downloads", "download.healthcheck.storage.s3.region=us-east-1",
				"download.healthcheck.storage.s3.secret-access-key=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalysisAssert.assertFailed(context,
						"download.healthcheck.storage.s3.access-key-id", "", "Set both");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
			});
	}

	@Test
	void endpointMustBeAnAbsoluteUrlWithoutCredentials() {
		s3().withPropertyValues("download.healthcheck.storage.s3.endpoint=http://user:" + SECRET + "@127.0.0.1:9000")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalysisAssert.assertFailed(context,
						"download.healthcheck.storage.s3.endpoint", "", "access-key-id");
				assertThat(analysis.getDescription()).doesNotContain(SECRET);
			});
	}

	@Test
	void presignValidityIsBounded() {
		s3().withPropertyValues("download.healthcheck.storage.s3.presign-validity=8d")
			.run((context) -> FailureAnalysisAssert.assertFailed(context,
					"download.healthcheck.storage.s3.presign-validity", "", "60s"));
	}

	@Test
	void s3WithoutTheSdkStopsStartUpNamingTheProperty() {
		runner().withClassLoader(new FilteredClassLoader(S3Client.class))
			.withPropertyValues("download.healthcheck.storage.type=s3")
			.run((context) -> FailureAnalysisAssert.assertFailed(context, "download.healthcheck.storage.type", "",
					"software.amazon.awssdk:s3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "apache", "lighttpd" })
	void xSendfileProxiesCannotHandOffObjects(String server) {
		s3().withPropertyValues("download.sendfile.server=" + server)
			.run((context) -> assertThat(
					FailureAnalysisAssert.assertFailed(context, "download.sendfile.server", "", "nginx")
						.getDescription())
				.contains(server)
				.contains("local files only"));
	}

}
