package io.github.downloadhealthcheck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.github.downloadhealthcheck.sendfile.ObjectHandOffMode;
import io.github.downloadhealthcheck.sendfile.RedirectSettings;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Configuration of the sendfile responses: which storage folders are handed off to which
 * reverse-proxy location.
 */
@ConfigurationProperties("download.sendfile")
public class SendfileProperties {

	/**
	 * Whether downloads under a rule are handed off to the reverse proxy. When false, the
	 * application streams every file itself.
	 */
	private boolean enabled = true;

	/**
	 * Reverse proxy that rules without their own 'server' hand off to.
	 */
	private SendfileServer server = SendfileServer.NGINX;

	/**
	 * Rules mapping a storage folder to the proxy location serving the same files, in
	 * order of precedence: the first rule whose source contains the file wins.
	 */
	private List<Rule> rules = new ArrayList<>();

	/**
	 * Optional nginx headers, sent with nginx hand-offs only when set.
	 */
	private final Nginx nginx = new Nginx();

	/**
	 * How downloads from object storage are handed off.
	 */
	private final ObjectStorage objectStorage = new ObjectStorage();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SendfileServer getServer() {
		return this.server;
	}

	public void setServer(SendfileServer server) {
		this.server = server;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	public Nginx getNginx() {
		return this.nginx;
	}

	public ObjectStorage getObjectStorage() {
		return this.objectStorage;
	}

	/**
	 * How downloads from object storage are handed off.
	 */
	public static class ObjectStorage {

		/**
		 * URI prefix of the proxy's internal location that proxies to the object store
		 * (nginx: location <destination>/ { internal; proxy_pass <store endpoint>/; }).
		 */
		private String destination = "/internal-object-storage";

		/**
		 * How objects reach the client: 'header' hands them off to the proxy (nginx
		 * X-Accel-Redirect, Caddy), 'redirect' answers a redirect to a short-lived
		 * presigned URL on the store's public endpoint, for ingresses that cannot hand
		 * off (HAProxy, Envoy, Traefik, cloud load balancers).
		 */
		private ObjectHandOffMode mode = ObjectHandOffMode.HEADER;

		/**
		 * The redirect hand-off, with mode=redirect.
		 */
		private final Redirect redirect = new Redirect();

		public String getDestination() {
			return this.destination;
		}

		public void setDestination(String destination) {
			this.destination = destination;
		}

		public ObjectHandOffMode getMode() {
			return this.mode;
		}

		public void setMode(ObjectHandOffMode mode) {
			this.mode = mode;
		}

		public Redirect getRedirect() {
			return this.redirect;
		}

	}

	/**
	 * The redirect hand-off of objects.
	 */
	public static class Redirect {

		/**
		 * Status of the redirect: 302, 303 or 307.
		 */
		private int status = RedirectSettings.DEFAULT_STATUS.value();

		/**
		 * How long the presigned URL in Location stays valid: long enough for a slow
		 * client to start the download, at most 7 days.
		 */
		private Duration lifetime = RedirectSettings.DEFAULT_LIFETIME;

		public int getStatus() {
			return this.status;
		}

		public void setStatus(int status) {
			this.status = status;
		}

		public Duration getLifetime() {
			return this.lifetime;
		}

		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

	}

	/**
	 * One sendfile rule.
	 */
	public static class Rule {

		/**
		 * Absolute storage folder whose files this rule hands off.
		 */
		private @Nullable String source;

		/**
		 * Where the proxy finds the same files: the URI prefix of an internal location
		 * for nginx and Caddy (e.g. /internal-storage), or a folder for Apache and
		 * lighttpd.
		 */
		private @Nullable String destination;

		/**
		 * Reverse proxy this rule hands off to. Defaults to download.sendfile.server.
		 */
		private @Nullable SendfileServer server;

		public @Nullable String getSource() {
			return this.source;
		}

		public void setSource(@Nullable String source) {
			this.source = source;
		}

		public @Nullable String getDestination() {
			return this.destination;
		}

		public void setDestination(@Nullable String destination) {
			this.destination = destination;
		}

		public @Nullable SendfileServer getServer() {
			return this.server;
		}

		public void setServer(@Nullable SendfileServer server) {
			this.server = server;
		}

	}

	/**
	 * nginx's optional X-Accel headers.
	 */
	public static class Nginx {

		/**
		 * Value of X-Accel-Buffering: whether nginx buffers the file it sends.
		 */
		private @Nullable Boolean buffering;

		/**
		 * Value of X-Accel-Limit-Rate: speed limit for the client, per second.
		 */
		private @Nullable DataSize limitRate;

		/**
		 * Value of X-Accel-Expires: how long nginx may cache the answer ('off' or
		 * seconds).
		 */
		private @Nullable String expires;

		/**
		 * Value of X-Accel-Charset: charset nginx names in Content-Type.
		 */
		private @Nullable String charset;

		public @Nullable Boolean getBuffering() {
			return this.buffering;
		}

		public void setBuffering(@Nullable Boolean buffering) {
			this.buffering = buffering;
		}

		public @Nullable DataSize getLimitRate() {
			return this.limitRate;
		}

		public void setLimitRate(@Nullable DataSize limitRate) {
			this.limitRate = limitRate;
		}

		public @Nullable String getExpires() {
			return this.expires;
		}

		public void setExpires(@Nullable String expires) {
			this.expires = expires;
		}

		public @Nullable String getCharset() {
			return this.charset;
		}

		public void setCharset(@Nullable String charset) {
			this.charset = charset;
		}

	}

}
