/**
 * Integration tests: the real sample application behind a real reverse proxy.
 */
@NullMarked
package io.github.downloadhealthcheck.sample.it;

import org.jspecify.annotations.NullMarked;
