/**
 * What the tests of the Quick start applications share: each runs its application behind
 * a real nginx started from the Quick start's own server block.
 */
@NullMarked
package io.github.downloadhealthcheck.harness.quickstart;

import org.jspecify.annotations.NullMarked;
