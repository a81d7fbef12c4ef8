/**
 * One snapshot of the four check results, refreshed in the background and read by every
 * probe.
 */
@NullMarked
package io.github.downloadhealthcheck.snapshot;

import org.jspecify.annotations.NullMarked;
