/**
 * The HTTP plumbing of the checks: the connector, the clients, the probe that reads
 * answers as a client would, and transport failures.
 *
 * <p>
 * Internal: not part of the starter's API. Types here are public only so that the
 * auto-configuration can construct them, and may change in any release.
 */
@NullMarked
package io.github.downloadhealthcheck.internal.http;

import org.jspecify.annotations.NullMarked;
