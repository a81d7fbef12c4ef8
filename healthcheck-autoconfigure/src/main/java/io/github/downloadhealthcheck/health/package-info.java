/**
 * The {@code download} composite health contributor, one component per layer.
 */
@NullMarked
package io.github.downloadhealthcheck.health;

import org.jspecify.annotations.NullMarked;
