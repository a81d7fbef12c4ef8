package io.github.downloadhealthcheck.proxyconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Renders the part of a proxy's configuration the application depends on: where requests
 * go to the application, where the proxy finds handed-off files (one block per sendfile
 * rule of that proxy), and the public location serving the dummy file for the
 * {@code proxy} check. The text follows the configurations the sample application is
 * tested with.
 */
public final class ProxySnippets {

	/**
	 * Why every snippet refuses {@code /actuator}: health details name storage paths and
	 * metrics name everything, so the actuator is never published through the proxy.
	 */
	static final String ACTUATOR_NOTE = "Never publish the actuator (health details name storage paths): "
			+ "probe the app directly.";

	private ProxySnippets() {
	}

	/**
	 * The snippet for one proxy.
	 * @param server the proxy
	 * @param inputs the application's settings
	 * @return the configuration text, ending with a line break
	 */
	public static String render(SendfileServer server, ProxySnippetInputs inputs) {
		List<Indexed> rules = rulesOf(server, inputs.rules());
		// Exhaustive: a new proxy does not compile until it has its snippet.
		return switch (server) {
			case NGINX -> nginx(inputs, rules);
			case APACHE -> apache(inputs, rules);
			case LIGHTTPD -> lighttpd(inputs, rules);
			case CADDY -> caddy(inputs, rules);
		};
	}

	private static String nginx(ProxySnippetInputs in, List<Indexed> rules) {
		StringBuilder text = new StringBuilder();
		text.append("# nginx 1.22: a server block inside http { }, which also needs include /etc/nginx/mime.types;\n");
		text.append("server {\n");
		text.append("    listen ").append(in.listen()).append(";\n\n");
		text.append("    # ").append(ACTUATOR_NOTE).append('\n');
		text.append("    location ~ \"^/actuator([/;]|$)\" {\n");
		text.append("        return 404;\n");
		text.append("    }\n\n");
		text.append("    location / {\n");
		text.append("        proxy_pass http://").append(in.upstream()).append(";\n");
		text.append("        proxy_set_header Host $http_host;\n");
		text.append("        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
		text.append("        proxy_set_header X-Forwarded-Proto $scheme;\n");
		text.append("    }\n");
		for (Indexed rule : rules) {
			text.append("\n    # ")
				.append(rule.property())
				.append(": target of X-Accel-Redirect; 'internal' keeps ")
				.append("the storage private.\n");
			text.append("    location ").append(slashed(rule.rule().destination())).append(" {\n");
			text.append("        internal;\n");
			text.append("        alias ").append(slashed(rule.rule().source().toString())).append(";\n");
			text.append("        charset utf-8;\n");
			text.append("    }\n");
		}
		text.append("\n    # The 'proxy' check: the dummy file, and nothing else of the storage.\n");
		text.append("    location = ").append(in.dummyLocation()).append(" {\n");
		text.append("        alias ").append(in.dummyFile()).append(";\n");
		text.append("    }\n");
		text.append("}\n");
		return text.toString();
	}

	private static String apache(ProxySnippetInputs in, List<Indexed> rules) {
		String dummy = "\"^" + regexQuoted(in.dummyLocation()) + "$\"";
		StringBuilder text = new StringBuilder();
		text.append(
				"# Apache 2.4 + mod_xsendfile 0.12; modules: mpm_event, authz_core, mime, alias, headers, proxy,\n");
		text.append("# proxy_http, xsendfile.\n");
		text.append("Listen ").append(in.listen()).append("\n");
		text.append("ProxyRequests Off\n");
		text.append("ProxyPreserveHost On\n");
		text.append("RequestHeader set X-Forwarded-Proto \"http\"\n\n");
		text.append("# The 'proxy' check: the dummy file, and nothing else of the storage.\n");
		text.append("ProxyPassMatch ").append(dummy).append(" !\n");
		text.append("AliasMatch ").append(dummy).append(" \"").append(in.dummyFile()).append("\"\n");
		text.append("<LocationMatch ").append(dummy).append(">\n");
		text.append("    Require all granted\n");
		text.append("</LocationMatch>\n\n");
		text.append("# ").append(ACTUATOR_NOTE).append('\n');
		text.append("ProxyPassMatch \"^/actuator([/;].*)?$\" !\n");
		text.append("<LocationMatch \"^/actuator([/;]|$)\">\n");
		text.append("    Require all denied\n");
		text.append("</LocationMatch>\n\n");
		text.append("ProxyPass / http://").append(in.upstream()).append("/\n");
		text.append("ProxyPassReverse / http://").append(in.upstream()).append("/\n\n");
		text.append("# X-Sendfile is honoured on status 200 only, for absolute paths inside an XSendFilePath.\n");
		text.append("XSendFile On\n");
		for (Indexed rule : rules) {
			text.append("# ").append(rule.property()).append('\n');
			text.append("XSendFilePath \"").append(rule.rule().destination()).append("\"\n");
		}
		return text.toString();
	}

	private static String lighttpd(ProxySnippetInputs in, List<Indexed> rules) {
		String docroots = rules.stream()
			.map((rule) -> "\"" + rule.rule().destination() + "\"")
			.collect(Collectors.joining(", "));
		StringBuilder text = new StringBuilder();
		text.append("# lighttpd 1.4.69\n");
		text.append("server.modules += ( \"mod_access\", \"mod_alias\", \"mod_proxy\" )\n");
		if (in.listenHost() != null) {
			text.append("server.bind = \"").append(in.listenHost()).append("\"\n");
		}
		text.append("server.port = ").append(in.listenPort()).append("\n\n");
		text.append("# X-Sendfile is a per-backend option; the docroots (")
			.append(rules.stream().map(Indexed::property).collect(Collectors.joining(", ")))
			.append(") limit what the application may name.\n");
		text.append("# ").append(ACTUATOR_NOTE).append('\n');
		text.append("$HTTP[\"url\"] =~ \"^/actuator([/;]|$)\" {\n");
		text.append("    url.access-deny = ( \"\" )\n");
		text.append("}\n");
		text.append("else $HTTP[\"url\"] != \"").append(in.dummyLocation()).append("\" {\n");
		text.append("    proxy.server = ( \"\" => ( (\n");
		text.append("        \"host\" => \"").append(host(in.upstream())).append("\",\n");
		text.append("        \"port\" => ").append(port(in.upstream())).append(",\n");
		text.append("        \"x-sendfile\" => \"enable\",\n");
		text.append("        \"x-sendfile-docroot\" => ( ").append(docroots).append(" )\n");
		text.append("    ) ) )\n");
		text.append("}\n");
		text.append("# The 'proxy' check: the dummy file, and nothing else of the storage.\n");
		text.append("else {\n");
		text.append("    alias.url = ( \"")
			.append(in.dummyLocation())
			.append("\" => \"")
			.append(in.dummyFile())
			.append("\" )\n");
		text.append("}\n");
		return text.toString();
	}

	private static String caddy(ProxySnippetInputs in, List<Indexed> rules) {
		StringBuilder text = new StringBuilder();
		text.append("# Caddy 2.6.2 site block\n");
		text.append("http://")
			.append((in.listenHost() != null) ? in.listenHost() : "")
			.append(':')
			.append(in.listenPort())
			.append(" {\n");
		if (in.listenHost() != null) {
			// The site address only matches requests by host: without bind Caddy listens
			// on
			// every interface.
			text.append("\tbind ").append(in.listenHost()).append("\n\n");
		}
		text.append("\t# ").append(ACTUATOR_NOTE).append('\n');
		text.append("\t@actuator path /actuator /actuator/* /actuator;*\n");
		text.append("\thandle @actuator {\n");
		text.append("\t\trespond 404\n");
		text.append("\t}\n\n");
		text.append("\t# The 'proxy' check: the dummy file, and nothing else of the storage.\n");
		text.append("\thandle ").append(in.dummyLocation()).append(" {\n");
		text.append("\t\troot * ").append(in.dummyRoot()).append('\n');
		text.append("\t\trewrite * \"/").append(in.dummyPath()).append("\"\n");
		text.append("\t\tfile_server\n");
		text.append("\t}\n\n");
		text.append("\thandle {\n");
		text.append("\t\treverse_proxy ").append(in.upstream()).append(" {\n");
		for (Indexed rule : rules) {
			String prefix = trimmed(rule.rule().destination());
			String matcher = "@accel" + rule.index();
			text.append("\t\t\t# ")
				.append(rule.property())
				.append(": X-Accel-Redirect values under ")
				.append(prefix)
				.append("/\n");
			text.append("\t\t\t").append(matcher).append(" header X-Accel-Redirect ").append(prefix).append("/*\n");
			text.append("\t\t\thandle_response ").append(matcher).append(" {\n");
			text.append("\t\t\t\troot * ").append(rule.rule().source()).append('\n');
			text.append("\t\t\t\trewrite * {rp.header.X-Accel-Redirect}\n");
			text.append("\t\t\t\turi strip_prefix ").append(prefix).append('\n');
			text.append("\t\t\t\tmethod * GET\n");
			text.append("\t\t\t\tcopy_response_headers {\n");
			text.append("\t\t\t\t\tinclude Content-Disposition Content-Type\n");
			text.append("\t\t\t\t}\n");
			text.append("\t\t\t\tfile_server\n");
			text.append("\t\t\t}\n");
		}
		text.append("\t\t}\n");
		text.append("\t}\n");
		text.append("}\n");
		return text.toString();
	}

	private static List<Indexed> rulesOf(SendfileServer server, List<SendfileRule> all) {
		List<Indexed> rules = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).server() == server) {
				rules.add(new Indexed(i, all.get(i)));
			}
		}
		return rules;
	}

	private static String slashed(String path) {
		return path.endsWith("/") ? path : path + "/";
	}

	private static String trimmed(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private static String host(String upstream) {
		return upstream.substring(0, upstream.lastIndexOf(':'));
	}

	private static String port(String upstream) {
		return upstream.substring(upstream.lastIndexOf(':') + 1);
	}

	private static String regexQuoted(String path) {
		StringBuilder quoted = new StringBuilder();
		for (char c : path.toCharArray()) {
			if (".^$*+?()[]{}|\\".indexOf(c) >= 0) {
				quoted.append('\\');
			}
			quoted.append(c);
		}
		return quoted.toString();
	}

	private record Indexed(int index, SendfileRule rule) {

		String property() {
			return "download.sendfile.rules[" + this.index + "]";
		}

	}

}
