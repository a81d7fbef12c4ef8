package io.github.downloadhealthcheck.storage.s3;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns an exception of the AWS SDK into a one-line reason a person understands, naming
 * the store. Never includes credentials: SDK messages are not copied, only error codes
 * and statuses.
 */
public final class S3Failures {

	private S3Failures() {
	}

	/**
	 * What went wrong, in one kind and one line.
	 *
	 * @param kind the kind of failure
	 * @param reason the reason, naming the store
	 */
	public record Failure(Kind kind, String reason) {
	}

	/**
	 * Kinds of failures of an S3 call.
	 */
	public enum Kind {

		/** The bucket does not exist. */
		BUCKET_MISSING,

		/** The object does not exist. */
		KEY_MISSING,

		/** The credentials may not do this. */
		ACCESS_DENIED,

		/** The store does not know the access key. */
		UNKNOWN_ACCESS_KEY,

		/** The signature does not match: wrong secret, or a clock far off. */
		SIGNATURE_MISMATCH,

		/** The request's time is too far from the store's clock. */
		CLOCK_SKEW,

		/** Nothing listens at the endpoint, or its name does not resolve. */
		UNREACHABLE,

		/** No answer in time. */
		TIMEOUT,

		/** Anything else. */
		OTHER

	}

	/**
	 * Explains a failure of an operation on a key.
	 * @param error what the SDK threw
	 * @param operation what was attempted, e.g.
	 * {@code read .download-healthcheck/dummy.bin}
	 * @param store the store, e.g. {@code S3 bucket 'downloads' at http://127.0.0.1:9000}
	 * @return the failure
	 */
	public static Failure explain(Throwable error, String operation, String store) {
		String cannot = "cannot " + operation + " in " + store + ": ";
		if (error instanceof NoSuchBucketException) {
			return new Failure(Kind.BUCKET_MISSING, cannot + "the bucket does not exist (create it, or fix "
					+ "download.healthcheck.storage.s3.bucket)");
		}
		if (error instanceof NoSuchKeyException) {
			return new Failure(Kind.KEY_MISSING, cannot + "no such key");
		}
		if (error instanceof S3Exception s3) {
			return explainCode(s3, cannot);
		}
		if (isTimeout(error)) {
			return new Failure(Kind.TIMEOUT, cannot + "no answer in time: the store or the network to it hangs");
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return new Failure(Kind.UNREACHABLE, cannot + "endpoint unreachable (connection refused): is the "
						+ "store running, and is download.healthcheck.storage.s3.endpoint right?");
			}
			if (cause instanceof UnknownHostException) {
				return new Failure(Kind.UNREACHABLE, cannot + "endpoint host name does not resolve: check "
						+ "download.healthcheck.storage.s3.endpoint and region");
			}
			if (cause instanceof SocketTimeoutException) {
				return new Failure(Kind.TIMEOUT, cannot + "no answer in time: the store or the network to it hangs");
			}
		}
		String type = (error instanceof SdkException) ? "SDK failure" : error.getClass().getSimpleName();
		return new Failure(Kind.OTHER, cannot + type + " (" + rootType(error) + ")");
	}

	private static Failure explainCode(S3Exception error, String cannot) {
		String code = (error.awsErrorDetails() != null && error.awsErrorDetails().errorCode() != null)
				? error.awsErrorDetails().errorCode() : "";
		int status = error.statusCode();
		switch (code) {
			case "NoSuchBucket":
				return new Failure(Kind.BUCKET_MISSING, cannot + "the bucket does not exist (create it, or fix "
						+ "download.healthcheck.storage.s3.bucket)");
			case "NoSuchKey":
				return new Failure(Kind.KEY_MISSING, cannot + "no such key");
			case "SignatureDoesNotMatch":
				return new Failure(Kind.SIGNATURE_MISMATCH, cannot + "signature mismatch (SignatureDoesNotMatch): "
						+ "wrong secret access key, or this machine's clock is far off?");
			case "InvalidAccessKeyId":
				return new Failure(Kind.UNKNOWN_ACCESS_KEY, cannot + "the store does not know this access key id "
						+ "(InvalidAccessKeyId): check download.healthcheck.storage.s3.access-key-id");
			case "RequestTimeTooSkewed":
				return new Failure(Kind.CLOCK_SKEW, cannot + "this machine's clock is too far from the store's "
						+ "(RequestTimeTooSkewed): synchronise it (NTP)");
			case "AccessDenied", "AllAccessDisabled":
				return new Failure(Kind.ACCESS_DENIED, cannot + "access denied (" + code + "): the credentials "
						+ "need s3:GetObject and s3:PutObject on the bucket and key prefix");
			default:
				break;
		}
		if (status == 404) {
			// HEAD answers have no body, hence no code: the status is all there is.
			return new Failure(Kind.KEY_MISSING, cannot + "not found (404)");
		}
		if (status == 403) {
			return new Failure(Kind.ACCESS_DENIED, cannot + "access denied (403" + (code.isEmpty() ? "" : " " + code)
					+ "): wrong credentials, or they may not do this");
		}
		return new Failure(Kind.OTHER, cannot + "the store answered " + status + (code.isEmpty() ? "" : " " + code));
	}

	private static boolean isTimeout(Throwable error) {
		return error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
				|| (error instanceof AbortedException && error.getCause() instanceof InterruptedException);
	}

	private static String rootType(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		String name = root.getClass().getSimpleName();
		// SDK messages may quote request details; keep only short, credential-free text.
		return (message != null && message.length() < 120 && !message.toLowerCase(Locale.ROOT).contains("key"))
				? name + ": " + message : name;
	}

}
