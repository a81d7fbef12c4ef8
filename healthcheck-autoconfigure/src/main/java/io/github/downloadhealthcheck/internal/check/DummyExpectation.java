package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.Symptom;
import io.github.downloadhealthcheck.internal.http.HttpObservation;
import io.github.downloadhealthcheck.internal.http.TransportFailures;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.storage.DummyFile;

/**
 * Compares an HTTP answer with the dummy file: {@code 200} and the exact bytes.
 */
final class DummyExpectation {

	private final DummyFile dummy;

	DummyExpectation(DummyFile dummy) {
		this.dummy = dummy;
	}

	Map<String, Object> describe() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("status", 200);
		expected.put("bytes", this.dummy.size());
		expected.put("sha256", this.dummy.sha256());
		return expected;
	}

	boolean matches(HttpObservation seen) {
		return !seen.overCap() && seen.bodyBytes() == this.dummy.size() && seen.sha256().equals(this.dummy.sha256());
	}

	/**
	 * Why a {@code 200} body is not the dummy file, or {@code null} when it is.
	 */
	TransportFailures.@Nullable Failure bodyMismatch(HttpObservation seen) {
		if (matches(seen)) {
			return null;
		}
		if (seen.overCap()) {
			return new TransportFailures.Failure(Symptom.BODY_TOO_LARGE,
					"body is larger than " + seen.bodyBytes()
							+ " bytes (download.healthcheck.max-body-size); the dummy file has " + this.dummy.size()
							+ ": this is not the dummy file",
					seen);
		}
		if (seen.bodyBytes() == 0) {
			return new TransportFailures.Failure(Symptom.EMPTY_BODY,
					"200 with an empty body instead of the " + this.dummy.size() + " bytes of the dummy file", seen);
		}
		return new TransportFailures.Failure(Symptom.WRONG_BYTES,
				"body differs from the dummy file (" + seen.bodyBytes() + " bytes, sha256 " + seen.sha256()
						+ "; expected " + this.dummy.size() + " bytes, sha256 " + this.dummy.sha256() + ")",
				seen);
	}

	/**
	 * Why a non-200 status is wrong, in general terms; callers add layer-specific advice.
	 */
	static TransportFailures.Failure unexpectedStatus(HttpObservation seen, String advice) {
		int status = seen.status();
		if (status >= 300 && status < 400) {
			return new TransportFailures.Failure(Symptom.REDIRECT, "answered " + status + " redirect to "
					+ seen.header("Location") + ", which is not followed: configure the final URL (" + advice + ")",
					seen);
		}
		return new TransportFailures.Failure(Symptom.WRONG_STATUS, "answered " + status + " instead of 200: " + advice,
				seen);
	}

}
