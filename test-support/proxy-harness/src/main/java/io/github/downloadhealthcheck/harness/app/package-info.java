/**
 * The application under test as a child JVM: its own threads, file descriptors and heap,
 * and a real SIGTERM.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.app;

import org.jspecify.annotations.NullMarked;
