/**
 * The layer checks: one per layer and hand-off mode, each with its expectation, bounded
 * by its own timeout and never throwing.
 *
 * <p>
 * Internal: not part of the starter's API. Types here are public only so that the
 * auto-configuration can construct them, and may change in any release.
 */
@NullMarked
package io.github.downloadhealthcheck.internal.check;

import org.jspecify.annotations.NullMarked;
