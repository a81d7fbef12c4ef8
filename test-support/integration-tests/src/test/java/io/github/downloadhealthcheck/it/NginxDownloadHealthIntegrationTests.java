package io.github.downloadhealthcheck.it;

import java.nio.file.Path;

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
 * The shared suite behind a real nginx ({@code X-Accel-Redirect} to an internal
 * location).
 */
class NginxDownloadHealthIntegrationTests extends ReverseProxyDownloadHealthIntegrationTests {

	@Override
	ProxyKind kind() {
		return ProxyKind.NGINX;
	}

	@Override
	ProxyConfig handOffSwitchedOff(ProxyConfig intact) {
		String pass = "proxy_pass http://127.0.0.1:" + intact.values().appPort() + ";";
		return intact.replace(pass, pass + "\n            proxy_ignore_headers X-Accel-Redirect;");
	}

	@Override
	String handOffSwitchSetting() {
		return "proxy_ignore_headers";
	}

	@Override
	ProxyConfig allowedFolderElsewhere(ProxyConfig intact, Path elsewhere) {
		return intact.replace("alias " + this.storage + "/;", "alias " + elsewhere + "/;");
	}

	@Override
	String allowedFolderSetting() {
		return "location /internal-storage/ { internal; alias " + this.storage + "/; }";
	}

	@Override
	String aroundSnippet(String snippet, Path workDir) {
		return """
				pid %1$s/nginx.pid;
				error_log stderr notice;
				worker_processes 1;
				events {
				    worker_connections 64;
				}
				http {
				    client_body_temp_path %1$s/client_body_temp;
				    proxy_temp_path %1$s/proxy_temp;
				    fastcgi_temp_path %1$s/fastcgi_temp;
				    uwsgi_temp_path %1$s/uwsgi_temp;
				    scgi_temp_path %1$s/scgi_temp;
				    include /etc/nginx/mime.types;
				    default_type application/octet-stream;
				    access_log off;
				%2$s
				}
				""".formatted(workDir, snippet);
	}

	@Override
	Symptom switchedOffSymptom() {
		return Symptom.EMPTY_BODY;
	}

	@Test
	void internalLocationRemoved() throws Exception {
		restartProxy(this.proxyConfig
			.transform((text) -> text.replaceAll("(?s)location /internal-storage/ \\{.*?\\n        \\}", "")));
		assertThat(ProxyKind.NGINX.configFile(this.proxyConfig.values().workDir())).content()
			.doesNotContain("location /internal-storage/");
		DownloadHealthSnapshot snapshot = this.app.snapshotAfter(() -> {
		});
		assertThat(downLayers(snapshot)).as(describe(snapshot)).containsExactly(Layer.END_TO_END);
		FaultRun.of(snapshot)
			.cause(Layer.END_TO_END, Cause.HAND_OFF_TARGET_MISSING, "location /internal-storage/ { internal; alias ")
			.noLead(Layer.END_TO_END, "proxy_ignore_headers");
	}

}
