package io.github.downloadhealthcheck.sample;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sample application keeps the files it serves.
 *
 * @param root the storage folder
 */
@ConfigurationProperties("sample.storage")
public record SampleStorageProperties(Path root) {
}
