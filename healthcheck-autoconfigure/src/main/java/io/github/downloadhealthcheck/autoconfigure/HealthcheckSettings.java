package io.github.downloadhealthcheck.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.sendfile.RelativePath;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.UnsafePathException;
import io.github.downloadhealthcheck.snapshot.MonitorSettings;

/**
 * The {@code download.healthcheck} properties, validated and resolved: every value here is
 * usable as is. Invalid values stop start-up with an {@link InvalidDownloadPropertyException}.
 *
 * @param storageRoot the storage folder, {@code null} when neither set nor derivable
 * @param dummyPath the dummy file below the storage root
 * @param dummySize the dummy file's size in bytes
 * @param backendUrl the backend URL when set explicitly
 * @param proxyUrl the proxy check's URL, {@code null} when not set
 * @param endToEndUrl the end-to-end check's URL, {@code null} when not set
 * @param timeouts each layer's timeout
 * @param monitor the refresh settings
 * @param maxBodyBytes the byte cap of HTTP checks
 * @param viewPath the healthcheck view's path
 */
public record HealthcheckSettings(@Nullable Path storageRoot, String dummyPath, long dummySize,
		@Nullable URI backendUrl, @Nullable URI proxyUrl, @Nullable URI endToEndUrl, Map<Layer, Duration> timeouts,
		MonitorSettings monitor, long maxBodyBytes, String viewPath) {

	private static final String PREFIX = "download.healthcheck.";

	/**
	 * Creates settings; the timeouts map is copied.
	 */
	public HealthcheckSettings {
		timeouts = Collections.unmodifiableMap(new EnumMap<>(timeouts));
	}

	/**
	 * Validates and resolves the properties.
	 * @param properties the health check properties
	 * @param rules the validated sendfile rules, whose first source is the default storage root
	 * @return the settings
	 * @throws InvalidDownloadPropertyException naming the first invalid property
	 */
	public static HealthcheckSettings from(DownloadHealthcheckProperties properties, List<SendfileRule> rules) {
		Duration interval = positive("interval", properties.getInterval());
		Duration timeout = timeout("timeout", properties.getTimeout(), interval);
		Map<Layer, Duration> timeouts = new EnumMap<>(Layer.class);
		timeouts.put(Layer.STORAGE, layerTimeout("storage", properties.getStorage(), timeout, interval));
		timeouts.put(Layer.BACKEND, layerTimeout("backend", properties.getBackend(), timeout, interval));
		timeouts.put(Layer.PROXY, layerTimeout("proxy", properties.getProxy(), timeout, interval));
		timeouts.put(Layer.END_TO_END, layerTimeout("end-to-end", properties.getEndToEnd(), timeout, interval));
		Duration longest = timeouts.values().stream().max(Duration::compareTo).orElse(timeout);
		Duration staleAfter = properties.getStaleAfter();
		if (staleAfter == null) {
			staleAfter = interval.multipliedBy(2).plus(longest);
		}
		else if (staleAfter.compareTo(interval.plus(longest)) <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "stale-after", staleAfter,
					"not longer than one interval plus the longest timeout (" + interval.plus(longest)
							+ "), so every healthy snapshot would be reported stale",
					"Set " + PREFIX + "stale-after above " + interval.plus(longest) + ", or remove it to use twice "
							+ "the interval plus the timeout.");
		}
		long maxBody = properties.getMaxBodySize().toBytes();
		if (maxBody <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "max-body-size", properties.getMaxBodySize(),
					"must be positive: no check could read a single byte", "Set it to at least the dummy file's size, "
							+ "e.g. 1MB.");
		}
		long dummySize = properties.getDummy().getSize().toBytes();
		if (dummySize <= 0) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.size", properties.getDummy().getSize(),
					"must be positive", "Set it to a small size such as 16KB.");
		}
		if (dummySize > maxBody) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.size", properties.getDummy().getSize(),
					"larger than " + PREFIX + "max-body-size (" + properties.getMaxBodySize()
							+ "), so the HTTP checks could never read the whole file",
					"Make " + PREFIX + "dummy.size smaller or " + PREFIX + "max-body-size larger.");
		}
		String dummyPath = properties.getDummy().getPath();
		try {
			RelativePath.parse(dummyPath);
		}
		catch (UnsafePathException ex) {
			throw new InvalidDownloadPropertyException(PREFIX + "dummy.path", dummyPath, ex.getMessage(),
					"Set it to a plain relative path such as .download-healthcheck/dummy.bin.");
		}
		String viewPath = properties.getView().getPath();
		if (!viewPath.startsWith("/") || viewPath.contains("{") || viewPath.contains("*")) {
			throw new InvalidDownloadPropertyException(PREFIX + "view.path", viewPath,
					"must be a plain path starting with '/'", "Set it to a path such as /healthcheck-utils/download/.");
		}
		return new HealthcheckSettings(storageRoot(properties, rules), dummyPath, dummySize,
				url("backend.url", properties.getBackend().getUrl()), url("proxy.url", properties.getProxy().getUrl()),
				url("end-to-end.url", properties.getEndToEnd().getUrl()), timeouts,
				new MonitorSettings(interval, staleAfter, longest), maxBody, viewPath);
	}

	private static @Nullable Path storageRoot(DownloadHealthcheckProperties properties, List<SendfileRule> rules) {
		String root = properties.getStorage().getRoot();
		if (root == null) {
			return rules.isEmpty() ? null : rules.get(0).source();
		}
		Path path = SendfileRules.absoluteFolder(PREFIX + "storage.root", root);
		if (!Files.isDirectory(path)) {
			throw new InvalidDownloadPropertyException(PREFIX + "storage.root", root, "no such folder",
					"Create the folder, or set " + PREFIX + "storage.root to the folder the application stores "
							+ "downloads in.");
		}
		return path;
	}

	private static Duration positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidDownloadPropertyException(PREFIX + name, value, "must be positive",
					"Set it to a duration such as 10s.");
		}
		return value;
	}

	private static Duration timeout(String name, Duration value, Duration interval) {
		positive(name, value);
		if (value.compareTo(interval) > 0) {
			throw new InvalidDownloadPropertyException(PREFIX + name, value,
					"longer than " + PREFIX + "interval (" + interval + "), so refreshes would pile up",
					"Set the timeout to at most the interval.");
		}
		return value;
	}

	private static Duration layerTimeout(String layer, DownloadHealthcheckProperties.Layer properties,
			Duration fallback, Duration interval) {
		Duration own = properties.getTimeout();
		return (own != null) ? timeout(layer + ".timeout", own, interval) : fallback;
	}

	private static @Nullable URI url(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String property = PREFIX + name;
		// Never echo a password back in the start-up report, even one with an unencoded '@'.
		String shown = value.replaceAll("//([^/:@]*):[^/]*@", "//$1:******@");
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidDownloadPropertyException(property, shown, "malformed URL",
					"Set it to an absolute http(s) URL such as http://127.0.0.1:8081/healthcheck-utils/download/.");
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidDownloadPropertyException(property, shown, "not an absolute URL with a host",
					"Set it to an absolute http(s) URL such as http://127.0.0.1:8081/healthcheck-utils/download/.");
		}
		if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
			throw new InvalidDownloadPropertyException(property, shown, "scheme '" + uri.getScheme() + "' is not http(s)",
					"Set it to an http:// or https:// URL.");
		}
		return uri;
	}

	/**
	 * Timeout of one layer.
	 * @param layer the layer
	 * @return its timeout
	 */
	public Duration timeout(Layer layer) {
		return this.timeouts.get(layer);
	}

}
