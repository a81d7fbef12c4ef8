/**
 * A small application serving downloads through the sendfile API, with the download
 * health checks of the starter.
 */
@NullMarked
package io.github.downloadhealthcheck.sample;

import org.jspecify.annotations.NullMarked;
