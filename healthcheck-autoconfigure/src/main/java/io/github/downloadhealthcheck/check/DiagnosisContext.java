package io.github.downloadhealthcheck.check;

/**
 * The configured places a diagnosis names in its fixes.
 *
 * @param storage the storage, e.g. {@code folder /srv/files}
 * @param handOffTarget where the application hands the dummy file off to, e.g.
 * {@code /internal-storage}
 */
public record DiagnosisContext(String storage, String handOffTarget) {
}
