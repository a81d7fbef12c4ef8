/**
 * The herd simulation: many instances' refresh schedules over an hour, as the starter's
 * own {@link io.github.downloadhealthcheck.snapshot.RefreshSchedule} spaces them, counted
 * at a shared ingress; {@link io.github.downloadhealthcheck.soak.herd.HerdSimulation}
 * prints the figures of {@code docs/benchmark.md}'s "Fleet scale".
 */
@NullMarked
package io.github.downloadhealthcheck.soak.herd;

import org.jspecify.annotations.NullMarked;
