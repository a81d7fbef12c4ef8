package io.github.downloadhealthcheck.snapshot;

import java.time.Duration;

/**
 * How the monitor refreshes and when it stops trusting a snapshot.
 *
 * @param interval time between two background refreshes
 * @param staleAfter age past which a snapshot is reported down instead of trusted
 * @param longestTimeout the longest timeout of any check: how long a probe may wait for the
 * very first result, and the base of the safety net around each check
 */
public record MonitorSettings(Duration interval, Duration staleAfter, Duration longestTimeout) {
}
