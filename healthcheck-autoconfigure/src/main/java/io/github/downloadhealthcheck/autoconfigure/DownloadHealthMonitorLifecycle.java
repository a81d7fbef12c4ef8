package io.github.downloadhealthcheck.autoconfigure;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * Puts the dummy file on the storage and starts the background checks once the web server
 * runs (this lifecycle's phase comes after the web server's), and stops them on shutdown.
 */
final class DownloadHealthMonitorLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DownloadHealthMonitorLifecycle.class);

	private final DownloadHealthMonitor monitor;

	private final @Nullable DownloadStorage storage;

	private final DummyFile dummy;

	DownloadHealthMonitorLifecycle(DownloadHealthMonitor monitor, @Nullable DownloadStorage storage, DummyFile dummy) {
		this.monitor = monitor;
		this.storage = storage;
		this.dummy = dummy;
	}

	@Override
	public void start() {
		if (this.storage != null) {
			try (InputStream content = this.dummy.open()) {
				this.storage.writeAtomically(this.dummy.relativePath(), content, this.dummy.size());
			}
			catch (IOException | RuntimeException ex) {
				// Not fatal: storage may come back; the storage check reports it meanwhile.
				logger.warn("Could not write the download healthcheck dummy file to " + this.storage.describe() + ": "
						+ ex);
			}
		}
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
