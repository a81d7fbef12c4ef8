package io.github.downloadhealthcheck.harness.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxy config rendered from its template ({@code /proxy/*.template} on the classpath).
 * Immutable: {@link #replace} returns a copy, so a test can break exactly one thing, e.g.
 * {@code ProxyConfig.render(NGINX, values).replace("internal;", "").start()}.
 */
public final class ProxyConfig {

	/** Default location of the dummy file, relative to the storage root. */
	public static final String DEFAULT_DUMMY_PATH = ".download-healthcheck/dummy.bin";

	private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

	// Unquoted in some templates: whitespace, quotes, ';', braces or '#' would change the
	// syntax.
	private static final Pattern UNSAFE = Pattern.compile("[\\s\"'`;{}#$\\\\@]");

	/** Values of the template placeholders. */
	public record Values(int proxyPort, int appPort, Path storageRoot, String dummyPath, Path workDir) {

		public Values {
			Objects.requireNonNull(storageRoot, "storageRoot");
			Objects.requireNonNull(dummyPath, "dummyPath");
			Objects.requireNonNull(workDir, "workDir");
		}

		/** With the default dummy path. */
		public Values(int proxyPort, int appPort, Path storageRoot, Path workDir) {
			this(proxyPort, appPort, storageRoot, DEFAULT_DUMMY_PATH, workDir);
		}

		public Values withProxyPort(int port) {
			return new Values(port, this.appPort, this.storageRoot, this.dummyPath, this.workDir);
		}
	}

	private final ProxyKind kind;

	private final Values values;

	private final String text;

	private ProxyConfig(ProxyKind kind, Values values, String text) {
		this.kind = kind;
		this.values = values;
		this.text = text;
	}

	/** The raw template text of a proxy. */
	public static String template(ProxyKind kind) {
		try (InputStream in = ProxyConfig.class.getResourceAsStream(kind.templateResource())) {
			if (in == null) {
				throw new IllegalStateException("template not on the classpath: " + kind.templateResource());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Loads the template and fills in every placeholder; fails on a placeholder left
	 * over.
	 */
	public static ProxyConfig render(ProxyKind kind, Values values) {
		return render(kind, kind.templateResource(), values, Map.of());
	}

	/**
	 * Renders another template of the proxy, e.g. {@code /proxy/nginx-s3.conf.template},
	 * with placeholders of its own ({@code extra}, names without the {@code @}) besides
	 * the usual ones.
	 */
	public static ProxyConfig render(ProxyKind kind, String templateResource, Values values,
			Map<String, String> extra) {
		String text;
		try (InputStream in = ProxyConfig.class.getResourceAsStream(templateResource)) {
			if (in == null) {
				throw new IllegalStateException("template not on the classpath: " + templateResource);
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return fill(kind, text, templateResource, values, extra);
	}

	/**
	 * An nginx config made of server blocks as users write them (a file Debian's
	 * {@code http} block includes from {@code sites-enabled}), with what the nginx
	 * template has around its server block: pid file, logs and temp folders inside
	 * {@link Values#workDir()}, mime types. Placeholders in {@code serverBlocks} are
	 * filled as in the templates; a config without any is taken as it is.
	 * @param serverBlocks one or more {@code server { }} blocks
	 * @param origin where the blocks come from, for error messages
	 * @param values the placeholder values, the work folder and the port to wait for
	 * @return the whole config
	 */
	public static ProxyConfig nginxServerBlocks(String serverBlocks, String origin, Values values) {
		String text = """
				pid @WORK_DIR@/nginx.pid;
				error_log stderr notice;
				worker_processes 1;
				events {
				    worker_connections 64;
				}
				http {
				    client_body_temp_path @WORK_DIR@/client_body_temp;
				    proxy_temp_path @WORK_DIR@/proxy_temp;
				    fastcgi_temp_path @WORK_DIR@/fastcgi_temp;
				    uwsgi_temp_path @WORK_DIR@/uwsgi_temp;
				    scgi_temp_path @WORK_DIR@/scgi_temp;
				    include /etc/nginx/mime.types;
				    default_type application/octet-stream;
				    access_log off;
				""" + serverBlocks + "\n}\n";
		return fill(ProxyKind.NGINX, text, origin, values, Map.of());
	}

	private static ProxyConfig fill(ProxyKind kind, String template, String origin, Values values,
			Map<String, String> extra) {
		String text = template;
		for (Map.Entry<String, String> placeholder : extra.entrySet()) {
			text = text.replace("@" + placeholder.getKey() + "@", safe(placeholder.getKey(), placeholder.getValue()));
		}
		String dummy = values.dummyPath().replaceFirst("^/+", "");
		String rendered = text.replace("@PROXY_PORT@", port(values.proxyPort()))
			.replace("@APP_PORT@", port(values.appPort()))
			.replace("@STORAGE_ROOT@", safe("storage root", ProxyKind.storageRoot(values.storageRoot())))
			.replace("@DUMMY_PATH@", safe("dummy path", dummy))
			.replace("@WORK_DIR@", safe("work folder", values.workDir().toAbsolutePath().normalize().toString()));
		Matcher left = PLACEHOLDER.matcher(rendered);
		if (left.find()) {
			throw new IllegalStateException("unknown placeholder " + left.group() + " in " + origin);
		}
		return new ProxyConfig(kind, values, rendered);
	}

	/**
	 * Replaces every occurrence of {@code target}; fails when there is none, so a test
	 * that means to break the config cannot silently test the intact one.
	 */
	public ProxyConfig replace(String target, String replacement) {
		if (!this.text.contains(target)) {
			throw new IllegalArgumentException("not in the " + this.kind + " config: " + target + "\n" + this.text);
		}
		return new ProxyConfig(this.kind, this.values, this.text.replace(target, replacement));
	}

	/** Any other change of the rendered text. */
	public ProxyConfig transform(UnaryOperator<String> change) {
		return new ProxyConfig(this.kind, this.values, change.apply(this.text));
	}

	/**
	 * Starts the proxy with this config in {@link Values#workDir()} on
	 * {@link Values#proxyPort()}.
	 */
	public ReverseProxyServer start() {
		return ReverseProxyServer.start(this.kind, this.text, this.values.workDir(), this.values.proxyPort());
	}

	public ProxyKind kind() {
		return this.kind;
	}

	public Values values() {
		return this.values;
	}

	public String text() {
		return this.text;
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static String port(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("not a TCP port: " + port);
		}
		return Integer.toString(port);
	}

	private static String safe(String what, String value) {
		if (value.isEmpty() || UNSAFE.matcher(value).find()) {
			throw new IllegalArgumentException(what + " cannot be put into a proxy config as is: '" + value + "'");
		}
		return value;
	}

}
