package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.StoreErrors;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.github.downloadhealthcheck.config.Urls;

/**
 * Tells apart why an object store refused a presigned URL a client followed: expired,
 * signed with what the store does not accept, or signed by a clock the store disagrees
 * with. The store's {@code Date} header tells the skew.
 */
final class StoreRefusals {

	/** Beyond this, SigV4 stores refuse requests (S3: 15 minutes); well below, noise. */
	static final Duration SKEW_TOLERANCE = Duration.ofSeconds(30);

	private StoreRefusals() {
	}

	/**
	 * Explains a refusal.
	 * @param seen the store's answer
	 * @param store the store as clients reach it
	 * @param clock the application's clock
	 * @param lifetimeProperty the property setting the URL's lifetime
	 * @return the symptom and reason
	 */
	static TransportFailures.Failure explain(HttpObservation seen, String store, Clock clock, String lifetimeProperty,
			@Nullable Instant expiresAt) {
		String said = StoreErrors.of(seen);
		String suffix = (said != null) ? " (store said " + said + ")" : "";
		Duration skew = skew(seen, clock);
		if (skew != null && skew.abs().compareTo(SKEW_TOLERANCE) > 0) {
			return new TransportFailures.Failure(
					Symptom.CLOCK_SKEW, store + " answered " + seen.status() + suffix + " and its clock is "
							+ describe(skew) + " the application's (its Date header): synchronize both clocks (NTP)",
					seen);
		}
		// Expired is a matter of times, not of the store's wording: the URL says when it
		// stops being valid, the store's Date says when it was used.
		Instant usedAt = storeTime(seen, clock);
		if (expiresAt != null && (seen.status() == 403 || seen.status() == 400) && !usedAt.isBefore(expiresAt)) {
			return new TransportFailures.Failure(Symptom.LINK_EXPIRED,
					store + " answered " + seen.status() + suffix
							+ ": the presigned URL expired before it reached the store; raise " + lifetimeProperty,
					seen);
		}
		if (seen.status() == 403 || seen.status() == 400) {
			return new TransportFailures.Failure(Symptom.SIGNATURE_REFUSED,
					store + " refused the presigned URL (" + seen.status() + ")" + suffix
							+ ": the application signs with credentials or a region the store "
							+ "does not accept, or for another host than the one the client reached",
					seen);
		}
		if (seen.status() == 404) {
			return new TransportFailures.Failure(Symptom.WRONG_STATUS, store + " answered 404" + suffix
					+ ": the object is gone, or the public endpoint names another " + "store or bucket", seen);
		}
		return new TransportFailures.Failure(Symptom.WRONG_STATUS,
				store + " answered " + seen.status() + " instead of 200" + suffix, seen);
	}

	/**
	 * How far the store's clock is ahead of the application's.
	 * @return the skew, {@code null} without a usable {@code Date} header
	 */
	private static Instant storeTime(HttpObservation seen, Clock clock) {
		Duration skew = skew(seen, clock);
		return (skew != null) ? clock.instant().plus(skew) : clock.instant();
	}

	static @Nullable Duration skew(HttpObservation seen, Clock clock) {
		String date = seen.header(HttpHeaders.DATE);
		if (date == null) {
			return null;
		}
		try {
			Instant theirs = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Duration.between(clock.instant(), theirs);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String describe(Duration skew) {
		return Urls.format(Duration.ofSeconds(skew.abs().toSeconds())) + (skew.isNegative() ? " behind" : " ahead of");
	}

}
