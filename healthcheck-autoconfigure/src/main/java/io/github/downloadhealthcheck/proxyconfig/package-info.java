/**
 * The reverse-proxy configuration the application expects, rendered from its own sendfile
 * rules and check settings, so the proxy and the application cannot disagree; served by
 * the {@code downloadproxy} actuator endpoint.
 */
@NullMarked
package io.github.downloadhealthcheck.proxyconfig;

import org.jspecify.annotations.NullMarked;
