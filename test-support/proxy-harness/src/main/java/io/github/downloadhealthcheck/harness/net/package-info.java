/**
 * Raw sockets for what an HTTP client will not do: a server that accepts and never
 * answers, and requests sent byte for byte as written.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.net;

import org.jspecify.annotations.NullMarked;
