/**
 * The real reverse proxies (nginx, Apache httpd, lighttpd, Caddy, HAProxy), each run as a
 * process from a rendered config on free loopback ports.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.proxy;

import org.jspecify.annotations.NullMarked;
