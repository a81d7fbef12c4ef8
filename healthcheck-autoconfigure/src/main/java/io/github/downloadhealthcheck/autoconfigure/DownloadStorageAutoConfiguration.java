package io.github.downloadhealthcheck.autoconfigure;

import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.github.downloadhealthcheck.config.DownloadHealthProperties;
import io.github.downloadhealthcheck.config.DownloadHealthSettings;
import io.github.downloadhealthcheck.config.InvalidDownloadPropertyException;
import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.FileSystemStorage;

/**
 * Auto-configuration of the resolved {@link DownloadHealthSettings} and of the one
 * {@link DownloadStorage} bean the application's downloads and the checks share: a folder
 * of the file system ({@code download.healthcheck.storage.root}, else the first sendfile
 * rule's source), unless the application or the S3 auto-configuration defines another.
 */
@AutoConfiguration(after = { SendfileAutoConfiguration.class, DownloadS3StorageAutoConfiguration.class })
@ConditionalOnBean(SendfileResponder.class)
@EnableConfigurationProperties(DownloadHealthProperties.class)
public final class DownloadStorageAutoConfiguration {

	private static final String TYPE = "download.healthcheck.storage.type";

	@Bean
	DownloadHealthSettings downloadHealthSettings(DownloadHealthProperties properties, SendfileResponder responder) {
		return DownloadHealthSettings.from(properties, responder.settings());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "file-system", matchIfMissing = true)
	@Conditional(StorageFolderCondition.class)
	static class FileSystemStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean(DownloadStorage.class)
		FileSystemStorage downloadStorage(DownloadHealthSettings settings) {
			// The condition guarantees a folder: storage.root or a rule's source is set.
			return new FileSystemStorage(Objects.requireNonNull(settings.storage().root()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "s3")
	@ConditionalOnMissingClass("software.amazon.awssdk.services.s3.S3Client")
	@ConditionalOnMissingBean(DownloadStorage.class)
	static class MissingS3SdkConfiguration {

		@Bean
		DownloadStorage downloadStorage() {
			throw new InvalidDownloadPropertyException(TYPE, "s3", "the AWS SDK for Java v2 is not on the class path",
					"Add the dependency software.amazon.awssdk:s3, or set " + TYPE + "=file-system.");
		}

	}

	/**
	 * A storage folder is configured: explicitly, or as the first sendfile rule's source.
	 */
	static final class StorageFolderCondition extends AnyNestedCondition {

		StorageFolderCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("download.healthcheck.storage.root")
		static final class Root {

		}

		@ConditionalOnProperty("download.sendfile.rules[0].source")
		static final class FirstRuleSource {

		}

	}

}
