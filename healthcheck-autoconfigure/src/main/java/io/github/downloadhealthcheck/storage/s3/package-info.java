/**
 * Storage on S3-compatible object stores through the AWS SDK for Java v2: the dummy
 * object, presigned GETs for the proxy hand-off, and failures explained in words a person
 * understands. Only loaded when the SDK is on the class path.
 */
@NullMarked
package io.github.downloadhealthcheck.storage.s3;

import org.jspecify.annotations.NullMarked;
