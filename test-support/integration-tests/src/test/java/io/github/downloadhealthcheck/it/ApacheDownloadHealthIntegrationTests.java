package io.github.downloadhealthcheck.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;
import io.github.downloadhealthcheck.snapshot.DownloadHealthSnapshot;

import static io.github.downloadhealthcheck.it.Snapshots.describe;
import static io.github.downloadhealthcheck.it.Snapshots.downLayers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared suite behind a real Apache httpd with mod_xsendfile ({@code X-Sendfile} to
 * an absolute path inside {@code XSendFilePath}).
 */
class ApacheDownloadHealthIntegrationTests extends ReverseProxyDownloadHealthIntegrationTests {

	@Override
	ProxyKind kind() {
		return ProxyKind.APACHE;
	}

	@Override
	ProxyConfig handOffSwitchedOff(ProxyConfig intact) {
		return intact.replace("XSendFile On\n", "XSendFile Off\n");
	}

	@Override
	String handOffSwitchSetting() {
		return "XSendFile On";
	}

	@Override
	ProxyConfig allowedFolderElsewhere(ProxyConfig intact, Path elsewhere) {
		return intact.replace("XSendFilePath \"" + this.storage + "\"", "XSendFilePath \"" + elsewhere + "\"");
	}

	@Override
	String allowedFolderSetting() {
		return "XSendFilePath " + this.storage;
	}

	@Override
	String aroundSnippet(String snippet, Path workDir) {
		String modules = java.util.stream.Stream
			.of("mpm_event", "authz_core", "mime", "alias", "headers", "proxy", "proxy_http", "xsendfile")
			.map((name) -> "LoadModule " + name + "_module /usr/lib/apache2/modules/mod_" + name + ".so\n")
			.collect(java.util.stream.Collectors.joining());
		return """
				ServerRoot %1$s
				DefaultRuntimeDir %1$s
				PidFile %1$s/httpd.pid
				ServerName 127.0.0.1
				ErrorLog /dev/stderr
				LogLevel warn
				%2$s
				User nobody
				Group nogroup
				StartServers 1
				ServerLimit 1
				ThreadsPerChild 8
				MaxRequestWorkers 8
				MinSpareThreads 1
				MaxSpareThreads 9
				TypesConfig /etc/mime.types
				DocumentRoot %1$s
				<Directory />
				    Require all denied
				    AllowOverride None
				</Directory>
				%3$s
				""".formatted(workDir, modules, snippet);
	}

	@Override
	Symptom switchedOffSymptom() {
		return Symptom.HAND_OFF_HEADER_LEAKED;
	}

	@Test
	void storageUnreadableForTheProxysWorkerUser() throws Exception {
		// The application (root here) still reads; Apache's workers (nobody) may not.
		Files.setPosixFilePermissions(this.storage, PosixFilePermissions.fromString("rwx------"));
		try {
			DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
			});
			assertThat(downLayers(snapshot)).as(describe(snapshot))
				.containsExactlyInAnyOrder(Layer.PROXY, Layer.END_TO_END);
			FaultRun.of(snapshot)
				.causeEverywhere(Cause.PROXY_STORAGE_PERMISSION, "read access")
				.noLead(Layer.PROXY, "Alias")
				.noLead(Layer.END_TO_END, "XSendFilePath", "XSendFile On");
		}
		finally {
			Files.setPosixFilePermissions(this.storage, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

}
