package io.github.downloadhealthcheck.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the download health checks, bound as given;
 * {@link DownloadHealthSettings} is what the checks take, validated and resolved.
 */
@ConfigurationProperties("download.healthcheck")
public class DownloadHealthProperties {

	/**
	 * Time between two background refreshes of the checks.
	 */
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Largest share of the interval by which each background refresh is moved earlier or
	 * later at random, so that instances started together do not check the shared proxy
	 * and store in lockstep. From 0 (no jitter) to 0.5.
	 */
	private double jitter = 0.2;

	/**
	 * Timeout of each check, unless the layer sets its own. At most the interval.
	 */
	private Duration timeout = Duration.ofSeconds(3);

	/**
	 * Age past which the snapshot of results is reported down instead of trusted.
	 * Defaults to twice the interval plus the timeout.
	 */
	private @Nullable Duration staleAfter;

	/**
	 * Most body bytes an HTTP check reads; a larger answer is cut off and reported.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) that HTTP checks trust, for proxies
	 * with certificates the JVM does not trust.
	 */
	private @Nullable String sslBundle;

	/**
	 * Whether the checks' own HTTP calls are recorded in http.client.requests like the
	 * application's.
	 */
	private boolean observeHttpClient = false;

	/**
	 * HTTP client library the checks run on: 'auto' takes the one Spring Boot detects
	 * (Reactor Netty when the application has it, else the JDK's HttpClient).
	 */
	private HttpConnector httpConnector = HttpConnector.AUTO;

	/**
	 * The dummy file the checks put on the storage.
	 */
	private final Dummy dummy = new Dummy();

	/**
	 * The healthcheck download view.
	 */
	private final View view = new View();

	/**
	 * The 'storage' check.
	 */
	private final Storage storage = new Storage();

	/**
	 * The 'backend' check.
	 */
	private final Backend backend = new Backend();

	/**
	 * The 'proxy' check.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * The 'end-to-end' check.
	 */
	private final EndToEnd endToEnd = new EndToEnd();

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Duration getStaleAfter() {
		return this.staleAfter;
	}

	public void setStaleAfter(@Nullable Duration staleAfter) {
		this.staleAfter = staleAfter;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public boolean isObserveHttpClient() {
		return this.observeHttpClient;
	}

	public void setObserveHttpClient(boolean observeHttpClient) {
		this.observeHttpClient = observeHttpClient;
	}

	public HttpConnector getHttpConnector() {
		return this.httpConnector;
	}

	public void setHttpConnector(HttpConnector httpConnector) {
		this.httpConnector = httpConnector;
	}

	public Dummy getDummy() {
		return this.dummy;
	}

	public View getView() {
		return this.view;
	}

	public Storage getStorage() {
		return this.storage;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public EndToEnd getEndToEnd() {
		return this.endToEnd;
	}

	/**
	 * The dummy file.
	 */
	public static class Dummy {

		/**
		 * Path of the dummy file below the storage root.
		 */
		private String path = ".download-healthcheck/dummy.bin";

		/**
		 * Size of the dummy file. At most max-body-size.
		 */
		private DataSize size = DataSize.ofKilobytes(16);

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getSize() {
			return this.size;
		}

		public void setSize(DataSize size) {
			this.size = size;
		}

	}

	/**
	 * The healthcheck download view.
	 */
	public static class View {

		/**
		 * Whether the application serves the healthcheck download view.
		 */
		private boolean enabled = true;

		/**
		 * Path of the healthcheck download view.
		 */
		private String path = "/healthcheck-utils/download/";

		private final Security security = new Security();

		public boolean isEnabled() {
			return this.enabled;
		}

		public Security getSecurity() {
			return this.security;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		/**
		 * Spring Security's rule for the healthcheck view.
		 */
		public static class Security {

			/**
			 * Whether the starter contributes its own security filter chain permitting
			 * anonymous GET, HEAD and OPTIONS to the healthcheck view, and denying every
			 * other method there, when the application runs Spring Security.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Settings every layer has.
	 */
	public abstract static class Layer {

		/**
		 * Timeout of this layer's check. Defaults to download.healthcheck.timeout.
		 */
		private @Nullable Duration timeout;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * The 'storage' check.
	 */
	public static class Storage extends Layer {

		/**
		 * Kind of storage downloads are served from: a folder of the file system, or an
		 * S3-compatible object store (download.healthcheck.storage.s3.*, needs the AWS
		 * SDK for Java v2).
		 */
		private Type type = Type.FILE_SYSTEM;

		/**
		 * Storage folder the dummy file is put in. Defaults to the source of the first
		 * download.sendfile rule.
		 */
		private @Nullable String root;

		public @Nullable String getRoot() {
			return this.root;
		}

		public void setRoot(@Nullable String root) {
			this.root = root;
		}

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		/**
		 * Kinds of storage.
		 */
		public enum Type {

			/** A folder of the file system. */
			FILE_SYSTEM,

			/** An S3-compatible object store. */
			S3

		}

	}

	/**
	 * The 'backend' check.
	 */
	public static class Backend extends Layer {

		/**
		 * URL of the healthcheck view on the application itself, bypassing the proxy.
		 * Defaults to the local server port on 127.0.0.1 and
		 * download.healthcheck.view.path.
		 */
		private @Nullable String url;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

	}

	/**
	 * The 'proxy' check.
	 */
	public static class Proxy extends Layer {

		/**
		 * URL of the proxy location that serves the dummy file straight from storage.
		 * Unset, the layer is reported unknown.
		 */
		private @Nullable String url;

		/**
		 * Whether the 'proxy' check also requests the hand-off URI (the X-Accel-Redirect
		 * value of the dummy file) on the origin of the proxy URL, and reports the layer
		 * down when the proxy serves storage there to anybody. Only for URI hand-offs
		 * (nginx, Caddy).
		 */
		private boolean checkExposure = true;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public boolean isCheckExposure() {
			return this.checkExposure;
		}

		public void setCheckExposure(boolean checkExposure) {
			this.checkExposure = checkExposure;
		}

	}

	/**
	 * The 'end-to-end' check.
	 */
	public static class EndToEnd extends Layer {

		/**
		 * URL of the healthcheck view through the proxy, as a client downloads. Unset,
		 * the layer is reported unknown.
		 */
		private @Nullable String url;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

	}

}
