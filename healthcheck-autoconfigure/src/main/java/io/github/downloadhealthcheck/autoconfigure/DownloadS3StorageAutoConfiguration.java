package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.downloadhealthcheck.sendfile.ObjectSendfile;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.s3.S3Location;
import io.github.downloadhealthcheck.storage.s3.S3ObjectStorage;

/**
 * Auto-configuration of the storage on an S3-compatible object store, when the AWS SDK for
 * Java v2 is on the class path and {@code download.healthcheck.storage.type=s3}. The
 * application's own {@link S3Client} and {@link S3Presigner} are used when it has them.
 */
@AutoConfiguration(before = DownloadHealthContributorAutoConfiguration.class, after = SendfileAutoConfiguration.class)
@ConditionalOnClass({ S3Client.class, S3Presigner.class })
@ConditionalOnProperty(name = "download.healthcheck.storage.type", havingValue = "s3")
@EnableConfigurationProperties({ S3StorageProperties.class, DownloadHealthcheckProperties.class,
		SendfileProperties.class })
public final class DownloadS3StorageAutoConfiguration {

	private static final String PREFIX = "download.healthcheck.storage.s3.";

	@Bean
	@ConditionalOnMissingBean
	S3Client downloadS3Client(S3StorageProperties properties) {
		S3ClientBuilder builder = S3Client.builder().forcePathStyle(properties.isPathStyleAccess());
		URI endpoint = endpoint(properties.getEndpoint());
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (properties.getRegion() != null) {
			builder.region(Region.of(properties.getRegion()));
		}
		String accessKeyId = properties.getAccessKeyId();
		String secret = properties.getSecretAccessKey();
		if ((accessKeyId == null) != (secret == null)) {
			String missing = (accessKeyId == null) ? "access-key-id" : "secret-access-key";
			throw new InvalidDownloadPropertyException(PREFIX + missing, null,
					"set without its partner: static credentials need both",
					"Set both " + PREFIX + "access-key-id and " + PREFIX + "secret-access-key, or neither to use "
							+ "the AWS SDK's default credentials chain.");
		}
		if (accessKeyId != null && secret != null) {
			builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
		}
		try {
			return builder.build();
		}
		catch (SdkClientException ex) {
			// The one configuration the SDK cannot do without and cannot find is the region.
			throw new InvalidDownloadPropertyException(PREFIX + "region", null,
					"no region configured and none found by the AWS SDK",
					"Set " + PREFIX + "region (any region, e.g. us-east-1, for S3-compatible stores), or AWS_REGION.");
		}
	}

	@Bean
	@ConditionalOnMissingBean
	S3Presigner downloadS3Presigner(S3Client client, S3StorageProperties properties) {
		// Signs for exactly what the client talks to: its region, credentials and endpoint.
		S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
		S3Presigner.Builder builder = S3Presigner.builder()
			.s3Client(client)
			.region(configuration.region())
			.credentialsProvider(configuration.credentialsProvider());
		configuration.endpointOverride().ifPresent(builder::endpointOverride);
		if (properties.isPathStyleAccess()) {
			builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(DownloadStorage.class)
	S3ObjectStorage downloadS3Storage(S3Client client, S3Presigner presigner, S3StorageProperties properties,
			DownloadHealthcheckProperties healthcheck, SendfileProperties sendfile) {
		String bucket = properties.getBucket();
		if (bucket == null || bucket.isBlank()) {
			throw new InvalidDownloadPropertyException(PREFIX + "bucket", bucket, "required with "
					+ "download.healthcheck.storage.type=s3", "Set it to the bucket downloads are stored in.");
		}
		if (!ObjectSendfile.handsOffObjects(sendfile.getServer())) {
			throw new InvalidDownloadPropertyException("download.sendfile.server", sendfile.getServer().id(),
					sendfile.getServer().id() + " hands off local files only (X-Sendfile takes a file path), "
							+ "not objects of S3 storage (download.healthcheck.storage.type=s3)",
					"Put nginx or Caddy in front of object storage (download.sendfile.server=nginx), or serve "
							+ "downloads from a folder (download.healthcheck.storage.type=file-system).");
		}
		Duration validity = properties.getPresignValidity();
		if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(7)) > 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "presign-validity", validity,
					"must be positive and at most 7 days (the SigV4 limit)", "Set a short duration such as 60s.");
		}
		Duration own = healthcheck.getStorage().getTimeout();
		Duration callTimeout = (own != null) ? own : healthcheck.getTimeout();
		return new S3ObjectStorage(client, presigner, new S3Location(bucket, properties.getKeyPrefix()), callTimeout,
				validity);
	}

	private static @Nullable URI endpoint(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			URI uri = new URI(value.strip());
			if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
					&& uri.getRawUserInfo() == null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below, like any other unusable value.
		}
		throw new InvalidDownloadPropertyException(PREFIX + "endpoint", value.replaceAll("//[^/@]*@", "//******@"),
				"not an absolute http(s) URL without credentials",
				"Set it to the store's URL, e.g. http://127.0.0.1:9000; credentials go in access-key-id and "
						+ "secret-access-key.");
	}

}
