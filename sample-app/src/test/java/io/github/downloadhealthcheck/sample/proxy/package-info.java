/**
 * Test harness: the four real reverse proxies (nginx, Apache httpd, lighttpd, Caddy) run
 * as processes from rendered configs on free loopback ports.
 */
@NullMarked
package io.github.downloadhealthcheck.sample.proxy;

import org.jspecify.annotations.NullMarked;
