/**
 * The {@code download.*} properties, and their one validation and resolution into the
 * immutable settings every other package takes. Invalid values stop start-up with a
 * failure analysis that names the property and the fix.
 */
@NullMarked
package io.github.downloadhealthcheck.config;

import org.jspecify.annotations.NullMarked;
