/**
 * Integration tests: the real sample application behind a real reverse proxy.
 */
@NullMarked
package io.github.downloadhealthcheck.it;

import org.jspecify.annotations.NullMarked;
