package io.github.downloadhealthcheck.harness.proxy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The four reverse proxies the sample app is tested behind, as Debian 12 packages them,
 * and how each one is driven from a config in a temp folder (see
 * src/main/resources/proxy/).
 */
public enum ProxyKind {

	NGINX("nginx", "/usr/sbin/nginx", List.of("nginx-light"), List.of(), "nginx.conf.template", "nginx.conf", "QUIT",
			"X-Accel-Redirect"),

	APACHE("apache2", "/usr/sbin/apache2", List.of("apache2", "libapache2-mod-xsendfile"),
			List.of("/usr/lib/apache2/modules/mod_mpm_event.so", "/usr/lib/apache2/modules/mod_proxy_http.so",
					"/usr/lib/apache2/modules/mod_xsendfile.so"),
			"apache.conf.template", "httpd.conf", "TERM", "X-Sendfile"),

	LIGHTTPD("lighttpd", "/usr/sbin/lighttpd", List.of("lighttpd"), List.of("/usr/lib/lighttpd/mod_proxy.so"),
			"lighttpd.conf.template", "lighttpd.conf", "TERM", "X-Sendfile"),

	CADDY("caddy", "/usr/bin/caddy", List.of("caddy"), List.of(), "caddy.Caddyfile.template", "Caddyfile", "TERM",
			"X-Accel-Redirect"),

	/**
	 * HAProxy 2.6: no header-driven hand-off at all. The ingress of the redirect
	 * hand-off, where clients follow a redirect to the object store; it has no hand-off
	 * header, hence none named here.
	 */
	HAPROXY("haproxy", "/usr/sbin/haproxy", List.of("haproxy"), List.of(), "haproxy.cfg.template", "haproxy.cfg",
			"TERM", "");

	/**
	 * URI prefix of the internal location the nginx and Caddy templates hand files off
	 * to.
	 */
	public static final String INTERNAL_PREFIX = "/internal-storage";

	private static final String APT_PREFIX = "apt-get update && DEBIAN_FRONTEND=noninteractive "
			+ "apt-get install -y --no-install-recommends ";

	private final String binaryName;

	private final Path defaultBinary;

	private final List<String> debianPackages;

	private final List<Path> requiredFiles;

	private final String templateFile;

	private final String configFileName;

	private final String stopSignal;

	private final String handOffHeader;

	ProxyKind(String binaryName, String defaultBinary, List<String> debianPackages, List<String> requiredFiles,
			String templateFile, String configFileName, String stopSignal, String handOffHeader) {
		this.binaryName = binaryName;
		this.defaultBinary = Path.of(defaultBinary);
		this.debianPackages = debianPackages;
		this.requiredFiles = requiredFiles.stream().map(Path::of).toList();
		this.templateFile = templateFile;
		this.configFileName = configFileName;
		this.stopSignal = stopSignal;
		this.handOffHeader = handOffHeader;
	}

	/** The command that installs all four proxies at once. */
	public static String installAllCommand() {
		Set<String> packages = new LinkedHashSet<>();
		for (ProxyKind kind : values()) {
			packages.addAll(kind.debianPackages);
		}
		return APT_PREFIX + String.join(" ", packages);
	}

	public String binaryName() {
		return this.binaryName;
	}

	/** Where Debian installs the binary. */
	public Path defaultBinary() {
		return this.defaultBinary;
	}

	/**
	 * The binary: Debian's location, else the first match on PATH, /usr/sbin or /sbin.
	 */
	public Optional<Path> binary() {
		if (Files.isExecutable(this.defaultBinary)) {
			return Optional.of(this.defaultBinary);
		}
		List<String> dirs = new ArrayList<>(
				List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
		return dirs.stream()
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, this.binaryName))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** Binary and the modules the template loads are present. */
	public boolean isInstalled() {
		return binary().isPresent() && this.requiredFiles.stream().allMatch(Files::isRegularFile);
	}

	public List<String> debianPackages() {
		return this.debianPackages;
	}

	/** What to run (as root) when {@link #isInstalled()} is false. */
	public String installCommand() {
		return APT_PREFIX + String.join(" ", this.debianPackages);
	}

	/**
	 * Classpath resource of the config template, e.g. {@code /proxy/nginx.conf.template}.
	 */
	public String templateResource() {
		return "/proxy/" + this.templateFile;
	}

	/** Name of the rendered config inside the work folder. */
	public String configFileName() {
		return this.configFileName;
	}

	public Path configFile(Path workDir) {
		return workDir.toAbsolutePath().resolve(this.configFileName);
	}

	/** Checks the config written to {@link #configFile(Path)}; exit code 0 when valid. */
	public List<String> validateCommand(Path workDir) {
		String bin = requireBinary().toString();
		String dir = workDir.toAbsolutePath().toString();
		String conf = configFile(workDir).toString();
		return switch (this) {
			case NGINX -> List.of(bin, "-t", "-q", "-p", dir, "-c", conf, "-e", "stderr");
			case APACHE -> List.of(bin, "-t", "-d", dir, "-f", conf);
			// -tt also loads the modules, -t only parses.
			case LIGHTTPD -> List.of(bin, "-tt", "-f", conf);
			case CADDY -> List.of(bin, "validate", "--config", conf, "--adapter", "caddyfile");
			case HAPROXY -> List.of(bin, "-c", "-q", "-f", conf);
		};
	}

	/**
	 * Runs the proxy in the foreground (no daemon) with the config from
	 * {@link #configFile(Path)}.
	 */
	public List<String> runCommand(Path workDir) {
		String bin = requireBinary().toString();
		String dir = workDir.toAbsolutePath().toString();
		String conf = configFile(workDir).toString();
		return switch (this) {
			case NGINX -> List.of(bin, "-p", dir, "-c", conf, "-e", "stderr", "-g", "daemon off;");
			case APACHE -> List.of(bin, "-d", dir, "-f", conf, "-DFOREGROUND");
			case LIGHTTPD -> List.of(bin, "-D", "-f", conf);
			case CADDY -> List.of(bin, "run", "--config", conf, "--adapter", "caddyfile");
			case HAPROXY -> List.of(bin, "-db", "-f", conf);
		};
	}

	/**
	 * Extra environment for both commands: Caddy writes its autosave and data under XDG
	 * dirs.
	 */
	public Map<String, String> environment(Path workDir) {
		Path dir = workDir.toAbsolutePath();
		return switch (this) {
			case CADDY -> Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
					"XDG_DATA_HOME", dir.resolve("data").toString());
			default -> Map.of();
		};
	}

	/**
	 * Signal for a graceful stop: nginx finishes requests on QUIT (TERM is its fast
	 * stop).
	 */
	public String stopSignal() {
		return this.stopSignal;
	}

	/** Response header through which the app hands the download off to this proxy. */
	public String handOffHeader() {
		return this.handOffHeader;
	}

	/**
	 * What the app puts in front of the file's path relative to the storage root: the
	 * internal URI prefix ({@code /internal-storage}) for nginx and Caddy, the absolute
	 * storage folder (no trailing slash) for Apache and lighttpd.
	 */
	public String handOffDestination(Path storageRoot) {
		return switch (this) {
			case NGINX, CADDY -> INTERNAL_PREFIX;
			case APACHE, LIGHTTPD -> storageRoot(storageRoot);
			case HAPROXY -> throw new UnsupportedOperationException("HAProxy cannot hand off; use the redirect");
		};
	}

	/**
	 * The complete hand-off header value for a file, given by its path relative to the
	 * storage root ('/'-separated). Each proxy reads the value differently (verified with
	 * 16 awkward names):
	 * <ul>
	 * <li>nginx: {@code /internal-storage/} + percent-encoded path. nginx percent-decodes
	 * the value; raw, a {@code ?} cuts it and a {@code %XX} is decoded.</li>
	 * <li>lighttpd: the percent-encoded absolute path. lighttpd URL-decodes it; raw, a
	 * {@code %XX} is decoded. Control characters (tab) fail either way.</li>
	 * <li>Apache: the raw absolute path. mod_xsendfile 0.12 decodes nothing: an encoded
	 * value names a file that does not exist (404).</li>
	 * <li>Caddy 2.6.2: {@code /internal-storage/} + the raw path. Its {@code rewrite}
	 * does not decode either (encoded: 404), and a {@code ?} starts a query string, so a
	 * file whose name holds {@code ?} cannot be handed off to Caddy at all.</li>
	 * </ul>
	 * Raw values go on the wire as the path's UTF-8 bytes. Servlet containers (Tomcat)
	 * write header values as ISO-8859-1, so an app sets
	 * {@code new String(utf8Bytes, ISO_8859_1)}.
	 */
	public String handOffValue(Path storageRoot, String relativePath) {
		String relative = relativePath.replace('\\', '/').replaceFirst("^/+", "");
		String destination = handOffDestination(storageRoot);
		return switch (this) {
			case NGINX -> destination + "/" + percentEncodePath(relative);
			case LIGHTTPD -> percentEncodePath(destination + "/" + relative);
			case APACHE, CADDY -> destination + "/" + relative;
			case HAPROXY -> throw new UnsupportedOperationException("HAProxy cannot hand off; use the redirect");
		};
	}

	/**
	 * Whether {@link #handOffValue} percent-encodes the path (nginx, lighttpd) or sends
	 * it raw.
	 */
	public boolean percentEncodesHandOff() {
		return this == NGINX || this == LIGHTTPD;
	}

	/**
	 * Percent-encodes the UTF-8 bytes of a path, keeping only RFC 3986 unreserved
	 * characters and '/': safe for every proxy, whatever characters the file name holds.
	 */
	public static String percentEncodePath(String path) {
		StringBuilder out = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == '/') {
				out.append((char) c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	/** Absolute, normalized, without trailing slash: the form every template expects. */
	static String storageRoot(Path storageRoot) {
		Path root = storageRoot.toAbsolutePath().normalize();
		if (root.getParent() == null) {
			throw new IllegalArgumentException("the storage root must not be the file system root: " + storageRoot);
		}
		return root.toString();
	}

	private Path requireBinary() {
		return binary().orElseThrow(() -> new IllegalStateException(installCommand()));
	}

}
