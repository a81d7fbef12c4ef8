package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.context.SmartLifecycle;

import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;

/**
 * Starts the background checks once the web server runs (this lifecycle's phase comes
 * after the web server's), and stops them on shutdown.
 */
final class DownloadHealthMonitorLifecycle implements SmartLifecycle {

	private final DownloadHealthMonitor monitor;

	DownloadHealthMonitorLifecycle(DownloadHealthMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void start() {
		this.monitor.start();
	}

	@Override
	public void stop() {
		this.monitor.stop();
	}

	@Override
	public boolean isRunning() {
		return this.monitor.isRunning();
	}

}
