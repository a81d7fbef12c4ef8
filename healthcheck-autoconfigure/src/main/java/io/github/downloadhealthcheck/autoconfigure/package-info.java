/**
 * Auto-configuration, and nothing else: thin wiring of the sendfile API, the storage, the
 * download health checks, their meters and the expected proxy configuration, with
 * conditions as annotations. What the wiring builds lives in the package of its concern.
 */
@NullMarked
package io.github.downloadhealthcheck.autoconfigure;

import org.jspecify.annotations.NullMarked;
