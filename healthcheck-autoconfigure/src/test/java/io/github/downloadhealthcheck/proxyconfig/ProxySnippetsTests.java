package io.github.downloadhealthcheck.proxyconfig;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProxySnippets}: each snippet holds the lines the sample application's
 * proxy templates prove working, filled in from the rules and settings.
 */
class ProxySnippetsTests {

	private static final Path STORAGE = Path.of("/srv/storage");

	private static ProxySnippetInputs inputs(SendfileRule... rules) {
		return new ProxySnippetInputs("127.0.0.1", 8081, "127.0.0.1:8080", List.of(rules),
				"/healthcheck-utils/dummy-file", "/srv/storage", ".download-healthcheck/dummy.bin");
	}

	@Test
	void nginxHasTheInternalLocationAliasingTheRuleSource() {
		String snippet = ProxySnippets.render(SendfileServer.NGINX,
				inputs(new SendfileRule(STORAGE, "/internal-storage", SendfileServer.NGINX)));
		assertThat(snippet).contains("    listen 127.0.0.1:8081;\n")
			.contains("        proxy_pass http://127.0.0.1:8080;\n")
			.contains("    # download.sendfile.rules[0]: target of X-Accel-Redirect")
			.contains("    location /internal-storage/ {\n        internal;\n        alias /srv/storage/;\n")
			.contains("    location = /healthcheck-utils/dummy-file {\n"
					+ "        alias /srv/storage/.download-healthcheck/dummy.bin;\n    }\n");
	}

	@Test
	void apacheAllowsTheRuleDestinationAndServesTheDummyFile() {
		String snippet = ProxySnippets.render(SendfileServer.APACHE,
				inputs(new SendfileRule(STORAGE, "/srv/storage", SendfileServer.APACHE)));
		assertThat(snippet).contains("Listen 127.0.0.1:8081\n")
			.contains("ProxyPass / http://127.0.0.1:8080/\n")
			.contains("XSendFile On\n# download.sendfile.rules[0]\nXSendFilePath \"/srv/storage\"\n")
			.contains("ProxyPassMatch \"^/healthcheck-utils/dummy-file$\" !\n")
			.contains(
					"AliasMatch \"^/healthcheck-utils/dummy-file$\" \"/srv/storage/.download-healthcheck/dummy.bin\"");
	}

	@Test
	void lighttpdListsEveryDestinationAsADocroot() {
		String snippet = ProxySnippets.render(SendfileServer.LIGHTTPD,
				inputs(new SendfileRule(STORAGE, "/srv/storage", SendfileServer.LIGHTTPD),
						new SendfileRule(Path.of("/data/other"), "/mnt/other", SendfileServer.LIGHTTPD)));
		assertThat(snippet).contains("server.bind = \"127.0.0.1\"\nserver.port = 8081\n")
			.contains("\"host\" => \"127.0.0.1\",\n        \"port\" => 8080,\n")
			.contains("\"x-sendfile\" => \"enable\",\n")
			.contains("\"x-sendfile-docroot\" => ( \"/srv/storage\", \"/mnt/other\" )")
			.contains(
					"alias.url = ( \"/healthcheck-utils/dummy-file\" => \"/srv/storage/.download-healthcheck/dummy.bin\" )");
	}

	@Test
	void caddyTakesOverEachRulePrefixInHandleResponse() {
		String snippet = ProxySnippets.render(SendfileServer.CADDY,
				inputs(new SendfileRule(STORAGE, "/internal-storage/", SendfileServer.CADDY)));
		assertThat(snippet).startsWith("# Caddy 2.6.2 site block\nhttp://127.0.0.1:8081 {\n")
			.contains("\t\treverse_proxy 127.0.0.1:8080 {\n")
			.contains("\t\t\t@accel0 header X-Accel-Redirect /internal-storage/*\n")
			.contains("\t\t\t\troot * /srv/storage\n\t\t\t\trewrite * {rp.header.X-Accel-Redirect}\n"
					+ "\t\t\t\turi strip_prefix /internal-storage\n")
			.contains("include Content-Disposition Content-Type")
			.contains("\thandle /healthcheck-utils/dummy-file {\n\t\troot * /srv/storage\n"
					+ "\t\trewrite * \"/.download-healthcheck/dummy.bin\"\n");
	}

	@Test
	void aSnippetHoldsOnlyTheRulesOfItsProxy() {
		ProxySnippetInputs mixed = inputs(new SendfileRule(STORAGE, "/internal-storage", SendfileServer.NGINX),
				new SendfileRule(Path.of("/data/big"), "/data/big", SendfileServer.APACHE));
		assertThat(ProxySnippets.render(SendfileServer.NGINX, mixed)).contains("location /internal-storage/")
			.doesNotContain("/data/big");
		assertThat(ProxySnippets.render(SendfileServer.APACHE, mixed))
			.contains("# download.sendfile.rules[1]\n" + "XSendFilePath \"/data/big\"")
			.doesNotContain("internal-storage");
	}

	@Test
	void everyProxyHasASnippet() {
		for (SendfileServer server : SendfileServer.values()) {
			assertThat(ProxySnippets.render(server, inputs())).as(server.id()).contains("dummy-file").endsWith("\n");
		}
	}

	@Test
	void everySnippetRefusesTheActuator() {
		SendfileRule rule = new SendfileRule(STORAGE, "/internal-storage", SendfileServer.NGINX);
		assertThat(ProxySnippets.render(SendfileServer.NGINX, inputs(rule)))
			.contains("    location ~ \"^/actuator([/;]|$)\" {\n        return 404;\n    }\n");
		assertThat(ProxySnippets.render(SendfileServer.APACHE, inputs()))
			.contains("ProxyPassMatch \"^/actuator([/;].*)?$\" !\n")
			.contains("<LocationMatch \"^/actuator([/;]|$)\">\n    Require all denied\n</LocationMatch>\n");
		assertThat(ProxySnippets.render(SendfileServer.LIGHTTPD, inputs())).contains("\"mod_access\"")
			.contains("$HTTP[\"url\"] =~ \"^/actuator([/;]|$)\" {\n    url.access-deny = ( \"\" )\n}\nelse ");
		assertThat(ProxySnippets.render(SendfileServer.CADDY, inputs()))
			.contains("\t@actuator path /actuator /actuator/* /actuator;*\n\thandle @actuator {\n\t\trespond 404\n");
		assertThat(RedirectSnippets.haproxy(inputs()))
			.contains("http-request deny deny_status 404 if { path,url_dec -m reg ^[/.]*actuator([/;]|$) }\n");
	}

	@Test
	void caddyBindsTheListenHostOnlyWhenThereIsOne() {
		assertThat(ProxySnippets.render(SendfileServer.CADDY, inputs()))
			.contains("http://127.0.0.1:8081 {\n\tbind 127.0.0.1\n");
		ProxySnippetInputs everywhere = new ProxySnippetInputs(null, 8081, "127.0.0.1:8080", List.of(),
				"/healthcheck-utils/dummy-file", "/srv/storage", ".download-healthcheck/dummy.bin");
		assertThat(ProxySnippets.render(SendfileServer.CADDY, everywhere)).contains("http://:8081 {\n")
			.doesNotContain("bind");
	}

}
