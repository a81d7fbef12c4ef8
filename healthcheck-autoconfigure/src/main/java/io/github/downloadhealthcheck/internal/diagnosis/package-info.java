/**
 * The diagnosis: puts every DOWN layer down to a cause of the one documented set, from
 * the checks' typed evidence and what the other layers proved.
 *
 * <p>
 * Internal: not part of the starter's API. Types here are public only so that the
 * auto-configuration can construct them, and may change in any release.
 */
@NullMarked
package io.github.downloadhealthcheck.internal.diagnosis;

import org.jspecify.annotations.NullMarked;
