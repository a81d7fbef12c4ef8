/**
 * Auto-configuration of the sendfile responses and the download health checks, with their
 * configuration properties and start-up failure analysis.
 */
@NullMarked
package io.github.downloadhealthcheck.autoconfigure;

import org.jspecify.annotations.NullMarked;
