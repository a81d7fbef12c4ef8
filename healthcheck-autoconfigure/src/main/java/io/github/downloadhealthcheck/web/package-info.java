/**
 * The healthcheck view on Spring MVC and WebFlux, and the sendfile API on their
 * functional endpoints.
 */
@NullMarked
package io.github.downloadhealthcheck.web;

import org.jspecify.annotations.NullMarked;
