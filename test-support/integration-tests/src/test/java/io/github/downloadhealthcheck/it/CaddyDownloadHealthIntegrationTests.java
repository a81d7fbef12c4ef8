package io.github.downloadhealthcheck.it;

import java.nio.file.Path;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.harness.proxy.ProxyConfig;
import io.github.downloadhealthcheck.harness.proxy.ProxyKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared suite behind a real Caddy ({@code X-Accel-Redirect} taken over by
 * {@code handle_response} inside {@code reverse_proxy}).
 */
class CaddyDownloadHealthIntegrationTests extends ReverseProxyDownloadHealthIntegrationTests {

	private static final String TAKE_OVER = "handle_response @accel {\n\t\t\t\troot * ";

	/**
	 * The matcher line and the handle_response block after it, up to its closing brace.
	 */
	private static final String ACCEL_BLOCK = "(?s)\\t+@accel header [^\\n]*\\n"
			+ "\\t+handle_response @accel \\{.*?\\n\\t{3}\\}\\n";

	@Override
	ProxyKind kind() {
		return ProxyKind.CADDY;
	}

	@Override
	ProxyConfig handOffSwitchedOff(ProxyConfig intact) {
		// Caddy without the handle_response: reverse_proxy passes the app's answer on as
		// is.
		ProxyConfig off = intact.transform((text) -> text.replaceAll(ACCEL_BLOCK, ""));
		assertThat(off.text()).contains("reverse_proxy").doesNotContain("handle_response");
		return off;
	}

	@Override
	String handOffSwitchSetting() {
		return "handle_response";
	}

	@Override
	ProxyConfig allowedFolderElsewhere(ProxyConfig intact, Path elsewhere) {
		return intact.replace(TAKE_OVER + this.storage, TAKE_OVER + elsewhere);
	}

	@Override
	String allowedFolderSetting() {
		return "root * " + this.storage;
	}

	@Override
	String aroundSnippet(String snippet, Path workDir) {
		return """
				{
					admin off
					auto_https off
				}
				%s
				""".formatted(snippet);
	}

	@Override
	Symptom switchedOffSymptom() {
		return Symptom.HAND_OFF_HEADER_LEAKED;
	}

	@Override
	boolean switchInsideTarget() {
		return true;
	}

}
