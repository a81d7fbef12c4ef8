package io.github.downloadhealthcheck.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.sendfile.FileNameEncoding;
import io.github.downloadhealthcheck.sendfile.RelativePath;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;
import io.github.downloadhealthcheck.sendfile.UnsafePathException;

/**
 * The {@code download.healthcheck.*} configuration, validated and resolved: every value
 * is usable as is, defaults applied. The one configuration the checks, the view and the
 * monitor take; nothing past {@link #from} reads a property class.
 *
 * @param interval time between two background refreshes
 * @param jitter largest share of the interval by which a refresh moves at random
 * @param staleAfter age past which a snapshot is reported down instead of trusted
 * @param maxBodyBytes most body bytes an HTTP check reads
 * @param sslBundle the SSL bundle HTTP checks trust, {@code null} for the JVM's defaults
 * @param observeHttpClient whether the checks' calls land in {@code http.client.requests}
 * @param httpConnector the HTTP client library the checks run on
 * @param dummy the dummy file
 * @param view the healthcheck view
 * @param storage the {@code storage} layer
 * @param backend the {@code backend} layer
 * @param proxy the {@code proxy} layer
 * @param endToEnd the {@code end-to-end} layer
 */
public record DownloadHealthSettings(Duration interval, double jitter, Duration staleAfter, long maxBodyBytes,
		@Nullable String sslBundle, boolean observeHttpClient, HttpConnector httpConnector, Dummy dummy, View view,
		Storage storage, Backend backend, Proxy proxy, EndToEnd endToEnd) {

	private static final String PREFIX = "download.healthcheck.";

	/**
	 * The dummy file.
	 *
	 * @param path its path below the storage root
	 * @param size its size in bytes
	 */
	public record Dummy(String path, long size) {
	}

	/**
	 * The healthcheck view.
	 *
	 * @param enabled whether the application serves it
	 * @param path its path on the application's server
	 */
	public record View(boolean enabled, String path) {
	}

	/**
	 * The {@code storage} layer.
	 *
	 * @param type a folder or an object store
	 * @param root the storage folder: {@code storage.root}, else the first rule's source;
	 * {@code null} when neither is set (and always on object storage)
	 * @param timeout the check's timeout
	 */
	public record Storage(DownloadHealthProperties.Storage.Type type, @Nullable Path root, Duration timeout) {
	}

	/**
	 * The {@code backend} layer.
	 *
	 * @param url the view's URL when set; {@code null} for the application's own port
	 * @param timeout the check's timeout
	 */
	public record Backend(@Nullable URI url, Duration timeout) {
	}

	/**
	 * The {@code proxy} layer.
	 *
	 * @param url the proxy location serving the dummy file, {@code null} when not set
	 * @param timeout the check's timeout
	 * @param checkExposure whether the check also makes sure the hand-off URI is not
	 * public
	 */
	public record Proxy(@Nullable URI url, Duration timeout, boolean checkExposure) {
	}

	/**
	 * The {@code end-to-end} layer.
	 *
	 * @param url the healthcheck view through the proxy, {@code null} when not set
	 * @param timeout the check's timeout
	 */
	public record EndToEnd(@Nullable URI url, Duration timeout) {
	}

	/**
	 * The longest timeout of any layer: how long the first probe may wait for a result.
	 * @return the timeout
	 */
	public Duration longestTimeout() {
		return Stream.of(this.storage.timeout(), this.backend.timeout(), this.proxy.timeout(), this.endToEnd.timeout())
			.max(Duration::compareTo)
			.orElseThrow();
	}

	/**
	 * Validates and resolves the properties.
	 * @param properties the properties as bound
	 * @param sendfile the resolved sendfile settings, whose first rule's source is the
	 * default storage folder
	 * @return the settings
	 * @throws InvalidDownloadPropertyException naming the first invalid property
	 */
	public static DownloadHealthSettings from(DownloadHealthProperties properties, SendfileSettings sendfile) {
		Duration interval = positive("interval", properties.getInterval());
		double jitter = jitter(properties.getJitter());
		Duration timeout = timeout("timeout", properties.getTimeout(), interval);
		Duration storageTimeout = layerTimeout("storage", properties.getStorage(), timeout, interval);
		Duration backendTimeout = layerTimeout("backend", properties.getBackend(), timeout, interval);
		Duration proxyTimeout = layerTimeout("proxy", properties.getProxy(), timeout, interval);
		Duration endToEndTimeout = layerTimeout("end-to-end", properties.getEndToEnd(), timeout, interval);
		Duration longest = Stream.of(storageTimeout, backendTimeout, proxyTimeout, endToEndTimeout)
			.max(Duration::compareTo)
			.orElseThrow();
		long maxBody = properties.getMaxBodySize().toBytes();
		if (maxBody <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "max-body-size", properties.getMaxBodySize(),
					"must be positive: no check could read a single byte",
					"Set it to at least the dummy file's size, e.g. 1MB.");
		}
		return new DownloadHealthSettings(interval, jitter,
				staleAfter(properties.getStaleAfter(), interval, jitterAtMost(interval, jitter), longest), maxBody,
				properties.getSslBundle(), properties.isObserveHttpClient(), properties.getHttpConnector(),
				dummy(properties.getDummy(), properties), view(properties.getView()),
				new Storage(properties.getStorage().getType(), storageRoot(properties, sendfile), storageTimeout),
				new Backend(Urls.httpUrl(PREFIX + "backend.url", properties.getBackend().getUrl(),
						"http://127.0.0.1:8080/healthcheck-utils/download/", null), backendTimeout),
				new Proxy(
						Urls.httpUrl(PREFIX + "proxy.url", properties.getProxy().getUrl(),
								"http://127.0.0.1:8081/healthcheck-utils/dummy-file", null),
						proxyTimeout, properties.getProxy().isCheckExposure()),
				new EndToEnd(Urls.httpUrl(PREFIX + "end-to-end.url", properties.getEndToEnd().getUrl(),
						"http://127.0.0.1:8081/healthcheck-utils/download/", null), endToEndTimeout));
	}

	private static double jitter(double jitter) {
		if (!(jitter >= 0 && jitter <= 0.5)) {
			throw new InvalidDownloadPropertyException(PREFIX + "jitter", jitter,
					"not between 0 and 0.5: it is the share of the interval by which a refresh may move",
					"Set it between 0 (no jitter) and 0.5, or remove it to use 0.2.");
		}
		return jitter;
	}

	private static Duration jitterAtMost(Duration interval, double jitter) {
		return Duration.ofNanos(Math.round(interval.toNanos() * jitter));
	}

	/**
	 * The default, twice the interval plus the longest timeout, is always above the
	 * floor: the jitter is at most half an interval.
	 */
	private static Duration staleAfter(@Nullable Duration staleAfter, Duration interval, Duration jitter,
			Duration longest) {
		if (staleAfter == null) {
			return interval.multipliedBy(2).plus(longest);
		}
		Duration floor = interval.plus(jitter).plus(longest);
		if (staleAfter.compareTo(floor) <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "stale-after", Urls.format(staleAfter),
					"not longer than one interval, its jitter and the longest timeout (" + Urls.format(floor)
							+ "), so every healthy snapshot would be reported stale",
					"Set " + PREFIX + "stale-after above " + Urls.format(floor)
							+ ", or remove it to use twice the interval plus the timeout.");
		}
		return staleAfter;
	}

	private static Dummy dummy(DownloadHealthProperties.Dummy dummy, DownloadHealthProperties properties) {
		long size = dummy.getSize().toBytes();
		if (size <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.size", dummy.getSize(), "must be positive",
					"Set it to a small size such as 16KB.");
		}
		if (size > properties.getMaxBodySize().toBytes()) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.size", dummy.getSize(),
					"larger than " + PREFIX + "max-body-size (" + properties.getMaxBodySize()
							+ "), so the HTTP checks could never read the whole file",
					"Make " + PREFIX + "dummy.size smaller or " + PREFIX + "max-body-size larger.");
		}
		try {
			RelativePath.parse(dummy.getPath());
		}
		catch (UnsafePathException ex) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.path", dummy.getPath(),
					Objects.requireNonNullElse(ex.getMessage(), "not a plain relative path"),
					"Set it to a plain relative path such as .download-healthcheck/dummy.bin.");
		}
		try {
			Path.of(dummy.getPath());
		}
		catch (InvalidPathException ex) {
			// Found here, with the property named, rather than as a raw exception from
			// the first refresh.
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.path", dummy.getPath(),
					"cannot be a file name in this JVM: " + ex.getReason() + " under " + FileNameEncoding.describe(),
					"Either " + FileNameEncoding.FIX + ", or set " + PREFIX
							+ "dummy.path to an ASCII path such as .download-healthcheck/dummy.bin.");
		}
		return new Dummy(dummy.getPath(), size);
	}

	private static View view(DownloadHealthProperties.View view) {
		String path = view.getPath();
		if (!path.startsWith("/") || path.contains("{") || path.contains("*") || path.contains("?")
				|| path.contains("#")) {
			throw new InvalidDownloadPropertyException(PREFIX + "view.path", path,
					"must be a plain path starting with '/'", "Set it to a path such as /healthcheck-utils/download/.");
		}
		return new View(view.isEnabled(), path);
	}

	private static @Nullable Path storageRoot(DownloadHealthProperties properties, SendfileSettings sendfile) {
		if (properties.getStorage().getType() == DownloadHealthProperties.Storage.Type.S3) {
			return null;
		}
		String root = properties.getStorage().getRoot();
		if (root == null) {
			return sendfile.rules().isEmpty() ? null : sendfile.rules().get(0).source();
		}
		// A folder that does not exist yet is accepted, as for a rule's source: it may be
		// a
		// volume mounted after start-up, and the storage check reports it DOWN until
		// then.
		return SendfileSettingsResolver.absoluteFolder(PREFIX + "storage.root", root);
	}

	private static Duration positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidDownloadPropertyException(PREFIX + name, Urls.format(value), "must be positive",
					"Set it to a duration such as 10s.");
		}
		return value;
	}

	private static Duration timeout(String name, Duration value, Duration interval) {
		positive(name, value);
		if (value.compareTo(interval) > 0) {
			throw new InvalidDownloadPropertyException(PREFIX + name, Urls.format(value),
					"longer than " + PREFIX + "interval (" + Urls.format(interval) + "), so refreshes would pile up",
					"Set the timeout to at most the interval.");
		}
		return value;
	}

	private static Duration layerTimeout(String layer, DownloadHealthProperties.Layer properties, Duration fallback,
			Duration interval) {
		Duration own = properties.getTimeout();
		return (own != null) ? timeout(layer + ".timeout", own, interval) : fallback;
	}

}
