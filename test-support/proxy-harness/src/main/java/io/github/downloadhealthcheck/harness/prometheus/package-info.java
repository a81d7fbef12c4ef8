/**
 * A real Prometheus, run as a process that scrapes the application and evaluates the
 * project's alert rules, read back through its HTTP API.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.prometheus;

import org.jspecify.annotations.NullMarked;
