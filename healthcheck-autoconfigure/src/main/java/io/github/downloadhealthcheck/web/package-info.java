/**
 * The healthcheck download view: answers for the dummy file through the sendfile API.
 */
@NullMarked
package io.github.downloadhealthcheck.web;

import org.jspecify.annotations.NullMarked;
