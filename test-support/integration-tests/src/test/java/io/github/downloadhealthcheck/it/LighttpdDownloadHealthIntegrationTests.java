package io.github.downloadhealthcheck.it;

import java.nio.file.Path;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;

/**
 * The shared suite behind a real lighttpd ({@code X-Sendfile} to an absolute path under
 * an {@code x-sendfile-docroot}).
 */
class LighttpdDownloadHealthIntegrationTests extends ReverseProxyDownloadHealthIntegrationTests {

	@Override
	ProxyKind kind() {
		return ProxyKind.LIGHTTPD;
	}

	@Override
	ProxyConfig handOffSwitchedOff(ProxyConfig intact) {
		return intact.replace("\"x-sendfile\" => \"enable\"", "\"x-sendfile\" => \"disable\"");
	}

	@Override
	String handOffSwitchSetting() {
		return "\"x-sendfile\" => \"enable\"";
	}

	@Override
	ProxyConfig allowedFolderElsewhere(ProxyConfig intact, Path elsewhere) {
		return intact.replace("\"x-sendfile-docroot\" => ( \"" + this.storage + "\" )",
				"\"x-sendfile-docroot\" => ( \"" + elsewhere + "\" )");
	}

	@Override
	String allowedFolderSetting() {
		return "\"x-sendfile-docroot\" => ( \"" + this.storage + "\" )";
	}

	@Override
	String aroundSnippet(String snippet, Path workDir) {
		return """
				server.pid-file = "%1$s/lighttpd.pid"
				server.document-root = "%1$s"
				server.username = "nobody"
				server.groupname = "nogroup"
				%2$s
				""".formatted(workDir, snippet);
	}

	@Override
	Symptom switchedOffSymptom() {
		return Symptom.EMPTY_BODY;
	}

}
