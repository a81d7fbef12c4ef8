package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.sendfile.RedirectSettings;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;

/**
 * The redirect the healthcheck view answers for the dummy object in the redirect
 * hand-off, and what is wrong with an answer that is not it. Shared by {@code backend},
 * which calls the view directly, and {@code end-to-end}, which calls it through the
 * ingress.
 *
 * @param expected the decision for the dummy object, its location unsigned
 */
record RedirectExpectation(SendfileDecision.Redirect expected) {

	/** Property of the redirect's lifetime, named in fixes. */
	static final String LIFETIME_PROPERTY = "download.sendfile.object-storage.redirect.lifetime";

	private static final Pattern EXPIRES = Pattern.compile("[?&]X-Amz-Expires=(\\d+)");

	private static final Pattern SIGNED_AT = Pattern.compile("(?:^|&)X-Amz-Date=(\\d{8}T\\d{6}Z)");

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final Pattern MAX_AGE = Pattern.compile("(?:s-)?max-age=(\\d+)");

	Map<String, Object> describe() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("status", this.expected.status().value());
		expected.put("location", this.expected.stableLocation() + "?<presigned query>");
		expected.put("lifetime", "at most " + Urls.format(this.expected.lifetime()));
		expected.put("cacheControl", RedirectSettings.CACHE_CONTROL);
		expected.put("bytes", 0);
		return expected;
	}

	/**
	 * The answer's details, the presigned signature masked.
	 */
	static Map<String, Object> seen(HttpObservation seen) {
		Map<String, Object> described = new LinkedHashMap<>(seen.describe());
		String location = seen.header(HttpHeaders.LOCATION);
		if (location != null) {
			described.put("location", Urls.maskedHandOff(location));
		}
		String cacheControl = seen.header(HttpHeaders.CACHE_CONTROL);
		if (cacheControl != null) {
			described.put("cacheControl", cacheControl);
		}
		return described;
	}

	/**
	 * What is wrong with the redirect's status and location, or {@code null} when they
	 * are the expected ones.
	 * @param seen the answer
	 * @param who who answered, e.g. "the healthcheck view"
	 * @return the symptom and reason, or {@code null}
	 */
	TransportFailures.@Nullable Failure wrongRedirect(HttpObservation seen, String who) {
		int want = this.expected.status().value();
		String location = seen.header(HttpHeaders.LOCATION);
		if (seen.status() != want) {
			return new TransportFailures.Failure(Symptom.REDIRECT_WRONG,
					who + " answered " + seen.status()
							+ ((location != null) ? " to " + Urls.maskedHandOff(location) : "") + " instead of a "
							+ want + " redirect to the dummy object on the store's public endpoint");
		}
		if (location == null) {
			return new TransportFailures.Failure(Symptom.REDIRECT_WRONG,
					who + " answered " + want + " without Location");
		}
		if (!location.startsWith(this.expected.stableLocation() + "?")) {
			return new TransportFailures.Failure(Symptom.REDIRECT_WRONG,
					who + " redirects to " + Urls.maskedHandOff(location) + " instead of "
							+ this.expected.stableLocation()
							+ "?<presigned query>: the object's URL on the public endpoint "
							+ "(download.healthcheck.storage.s3.public-endpoint)");
		}
		if (!location.contains("X-Amz-Signature=")) {
			return new TransportFailures.Failure(Symptom.REDIRECT_WRONG,
					who + " redirects to an unsigned URL: the store refuses it for a private object");
		}
		Long expires = expiresSeconds(location);
		if (expires == null || expires > this.expected.lifetime().toSeconds()) {
			return new TransportFailures.Failure(Symptom.REDIRECT_WRONG,
					who + " redirects to a URL valid for " + ((expires != null) ? expires + "s" : "an unknown time")
							+ ", beyond " + LIFETIME_PROPERTY + " (" + Urls.format(this.expected.lifetime()) + ")");
		}
		return null;
	}

	/**
	 * What lets a cache keep the redirect past the lifetime of its URL, or {@code null}.
	 * @param seen the answer
	 * @param who who answered
	 * @return the reason, or {@code null}
	 */
	@Nullable String cacheable(HttpObservation seen, String who) {
		String cacheControl = seen.header(HttpHeaders.CACHE_CONTROL);
		String lower = (cacheControl != null) ? cacheControl.toLowerCase(Locale.ROOT) : "";
		Matcher maxAge = MAX_AGE.matcher(lower);
		while (maxAge.find()) {
			if (Long.parseLong(maxAge.group(1)) > 0) {
				return who + " lets caches keep the redirect (Cache-Control: " + cacheControl
						+ "): a cache then answers it after the URL it names expired, and to other users";
			}
		}
		if (!lower.contains("no-store")) {
			return who + " answers the redirect with Cache-Control: "
					+ ((cacheControl != null) ? cacheControl : "<none>") + " instead of "
					+ RedirectSettings.CACHE_CONTROL + ": a cache may keep it";
		}
		return null;
	}

	/**
	 * When a presigned URL stops being valid, from its own query: signed at
	 * {@code X-Amz-Date}, valid for {@code X-Amz-Expires} seconds.
	 * @param location the URL
	 * @return the instant, or {@code null} when the URL does not say
	 */
	static @Nullable Instant expiresAt(URI location) {
		String query = location.getRawQuery();
		if (query == null) {
			return null;
		}
		Matcher signed = SIGNED_AT.matcher(query);
		Long expires = expiresSeconds("?" + query);
		if (!signed.find() || expires == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(signed.group(1), AMZ_DATE).toInstant(ZoneOffset.UTC).plusSeconds(expires);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static @Nullable Long expiresSeconds(String location) {
		Matcher matcher = EXPIRES.matcher(location);
		return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
	}

	Duration lifetime() {
		return this.expected.lifetime();
	}

	URI stableLocation() {
		return URI.create(this.expected.stableLocation());
	}

}
