/**
 * The soak: the sample application as a process of its own behind a real nginx (and
 * S3Proxy), probed every second while a seeded schedule injects real faults and repairs
 * them; {@link io.github.downloadhealthcheck.soak.Soak} runs it and prints how detection,
 * recovery, probe latency and the application's resources held up. Run by
 * {@code test-support/soak/bin/soak.sh}.
 */
@NullMarked
package io.github.downloadhealthcheck.soak;

import org.jspecify.annotations.NullMarked;
