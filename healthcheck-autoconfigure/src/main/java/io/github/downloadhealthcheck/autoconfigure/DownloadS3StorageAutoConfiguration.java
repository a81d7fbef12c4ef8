package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;

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
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.InvalidDownloadPropertyException;
import io.github.downloadhealthcheck.config.S3StorageProperties;
import io.github.downloadhealthcheck.config.S3StorageSettings;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.s3.S3Location;
import io.github.downloadhealthcheck.storage.s3.S3ObjectStorage;

/**
 * Auto-configuration of the storage on an S3-compatible object store, when the AWS SDK
 * for Java v2 is on the class path and {@code download.healthcheck.storage.type=s3}. The
 * application's own {@link S3Client} and {@link S3Presigner} are used when it has them.
 */
@AutoConfiguration(after = SendfileAutoConfiguration.class)
@ConditionalOnClass({ S3Client.class, S3Presigner.class })
@ConditionalOnProperty(name = "download.healthcheck.storage.type", havingValue = "s3")
@ConditionalOnBean(SendfileResponder.class)
@EnableConfigurationProperties(S3StorageProperties.class)
public final class DownloadS3StorageAutoConfiguration {

	@Bean
	S3StorageSettings downloadS3StorageSettings(S3StorageProperties properties, SendfileResponder responder) {
		return S3StorageSettings.from(properties, responder.settings());
	}

	@Bean
	@ConditionalOnMissingBean
	S3Client downloadS3Client(S3StorageSettings settings) {
		S3ClientBuilder builder = S3Client.builder().forcePathStyle(settings.pathStyleAccess());
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (settings.region() != null) {
			builder.region(Region.of(settings.region()));
		}
		if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
		}
		try {
			return builder.build();
		}
		catch (SdkClientException ex) {
			// The one configuration the SDK cannot do without and cannot find is the
			// region.
			throw new InvalidDownloadPropertyException("download.healthcheck.storage.s3.region", null,
					"no region configured and none found by the AWS SDK",
					"Set download.healthcheck.storage.s3.region (any region, e.g. us-east-1, for S3-compatible "
							+ "stores), or AWS_REGION.");
		}
	}

	@Bean
	@ConditionalOnMissingBean
	S3Presigner downloadS3Presigner(S3Client client, S3StorageSettings settings) {
		// Signs for exactly what the client talks to: its region, credentials and
		// endpoint.
		S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
		S3Presigner.Builder builder = S3Presigner.builder()
			.s3Client(client)
			.region(configuration.region())
			.credentialsProvider(configuration.credentialsProvider());
		configuration.endpointOverride().ifPresent(builder::endpointOverride);
		if (settings.pathStyleAccess()) {
			builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(DownloadStorage.class)
	S3ObjectStorage downloadStorage(S3Client client, S3Presigner presigner, S3StorageSettings settings,
			DownloadHealthSettings healthcheck) {
		URI publicEndpoint = settings.publicEndpoint();
		// Clients reaching the store elsewhere get URLs signed for that host: SigV4
		// signs the Host header.
		S3Presigner publicPresigner = (publicEndpoint != null) ? publicPresigner(client, settings, publicEndpoint)
				: presigner;
		return new S3ObjectStorage(client, presigner, new S3Location(settings.bucket(), settings.keyPrefix()),
				healthcheck.storage().timeout(), settings.presignValidity(), publicPresigner, publicEndpoint);
	}

	private static S3Presigner publicPresigner(S3Client client, S3StorageSettings settings, URI publicEndpoint) {
		S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
		return S3Presigner.builder()
			.region(configuration.region())
			.credentialsProvider(configuration.credentialsProvider())
			.endpointOverride(publicEndpoint)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyleAccess()).build())
			.build();
	}

}
