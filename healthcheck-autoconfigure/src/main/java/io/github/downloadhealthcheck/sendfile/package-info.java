/**
 * Sendfile responses: answering a download with a reverse-proxy hand-off (nginx
 * {@code X-Accel-Redirect} and its peers) instead of streaming the bytes from the
 * application.
 */
@NullMarked
package io.github.downloadhealthcheck.sendfile;

import org.jspecify.annotations.NullMarked;
