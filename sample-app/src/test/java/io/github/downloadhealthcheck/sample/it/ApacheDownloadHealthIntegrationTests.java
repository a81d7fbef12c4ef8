package io.github.downloadhealthcheck.sample.it;

import java.nio.file.Path;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.sample.proxy.ProxyConfig;
import io.github.downloadhealthcheck.sample.proxy.ProxyKind;

/**
 * The shared suite behind a real Apache httpd with mod_xsendfile ({@code X-Sendfile} to an
 * absolute path inside {@code XSendFilePath}).
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
	Symptom switchedOffSymptom() {
		return Symptom.HAND_OFF_HEADER_LEAKED;
	}

}
