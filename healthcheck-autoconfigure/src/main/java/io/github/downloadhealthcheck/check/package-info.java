/**
 * The four layered checks ({@code storage}, {@code backend}, {@code proxy},
 * {@code end-to-end}) and the diagnosis drawn from their results. Plain Java, no Spring
 * wiring.
 */
@NullMarked
package io.github.downloadhealthcheck.check;

import org.jspecify.annotations.NullMarked;
