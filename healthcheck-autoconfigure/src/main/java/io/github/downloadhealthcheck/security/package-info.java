/**
 * Spring Security's rule for the healthcheck view: the starter's own filter chain, on
 * Spring MVC and on WebFlux, that lets the checks and the proxy reach the view and
 * nothing else.
 */
@NullMarked
package io.github.downloadhealthcheck.security;

import org.jspecify.annotations.NullMarked;
