/**
 * The storage downloads are served from, and the dummy file the checks put on it.
 */
@NullMarked
package io.github.downloadhealthcheck.storage;

import org.jspecify.annotations.NullMarked;
