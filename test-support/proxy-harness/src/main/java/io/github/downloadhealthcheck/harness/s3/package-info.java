/**
 * Test harness: a real S3 server (S3Proxy from Maven Central) run as its own process.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.s3;

import org.jspecify.annotations.NullMarked;
