/**
 * Micrometer meters published from the download health snapshots.
 */
@NullMarked
package io.github.downloadhealthcheck.metrics;

import org.jspecify.annotations.NullMarked;
