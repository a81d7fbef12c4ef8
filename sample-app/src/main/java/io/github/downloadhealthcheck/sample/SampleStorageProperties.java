package io.github.downloadhealthcheck.sample;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sample application keeps the files it serves.
 *
 * @param root the storage folder; unused on object storage
 */
@ConfigurationProperties("sample.storage")
public record SampleStorageProperties(@Nullable Path root) {
}
