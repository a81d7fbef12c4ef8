package io.github.downloadhealthcheck.check;

import org.jspecify.annotations.Nullable;

/**
 * The typed observations one check made, on which its layer's {@link Cause} is decided:
 * never the wording of a reason, which is for people and free to change.
 *
 * @param status the HTTP status answered, {@code -1} when no answer (or not HTTP)
 * @param bodyFrom who wrote the body of an answer other than {@code 200}
 * @param contentEncoding the {@code Content-Encoding} the body came with, {@code null}
 * when none
 * @param location the {@code Location} answered, {@code null} when none
 * @param late which part of an answer had not arrived when the timeout struck
 * @param storeErrorCode the object store's error code ({@code <Code>} of its error body),
 * {@code null} when none
 * @param errorPath the {@code path} of the application's own error answer (Spring Boot's
 * error attributes), {@code null} when none
 * @param storageFault why the storage could not be read, {@link StorageFault#NONE} when
 * it could
 * @param rewriteFault why writing the missing dummy file again failed,
 * {@link StorageFault#NONE} when it did not fail
 * @param noHandOff why the application's rules do not hand the dummy file off,
 * {@link NoHandOff#NONE} when they do
 */
public record Evidence(int status, BodyFrom bodyFrom, @Nullable String contentEncoding, @Nullable String location,
		Late late, @Nullable String storeErrorCode, @Nullable String errorPath, StorageFault storageFault,
		StorageFault rewriteFault, NoHandOff noHandOff) {

	/** Nothing observed beyond the symptom. */
	public static final Evidence NONE = new Evidence(-1, BodyFrom.NONE, null, null, Late.NONE, null, null,
			StorageFault.NONE, StorageFault.NONE, NoHandOff.NONE);

	/**
	 * Evidence of an HTTP answer.
	 * @param status the status
	 * @param bodyFrom who wrote the body
	 * @param contentEncoding the body's encoding, {@code null} when none
	 * @param location the {@code Location}, {@code null} when none
	 * @param storeErrorCode the store's error code, {@code null} when none
	 * @param errorPath the path of the application's error answer, {@code null} when none
	 * @return the evidence
	 */
	public static Evidence answer(int status, BodyFrom bodyFrom, @Nullable String contentEncoding,
			@Nullable String location, @Nullable String storeErrorCode, @Nullable String errorPath) {
		return new Evidence(status, bodyFrom, contentEncoding, location, Late.NONE, storeErrorCode, errorPath,
				StorageFault.NONE, StorageFault.NONE, NoHandOff.NONE);
	}

	/**
	 * Evidence of a timeout.
	 * @param late which part had not arrived
	 * @param status the status, when the headers had arrived, else {@code -1}
	 * @return the evidence
	 */
	public static Evidence late(Late late, int status) {
		return new Evidence(status, BodyFrom.NONE, null, null, late, null, null, StorageFault.NONE, StorageFault.NONE,
				NoHandOff.NONE);
	}

	/**
	 * Evidence of a storage failure.
	 * @param read why reading failed
	 * @param rewrite why writing the dummy file again failed
	 * @return the evidence
	 */
	public static Evidence storage(StorageFault read, StorageFault rewrite) {
		return new Evidence(-1, BodyFrom.NONE, null, null, Late.NONE, null, null, read, rewrite, NoHandOff.NONE);
	}

	/**
	 * The same evidence, saying why the rules do not hand the dummy file off.
	 * @param reason why
	 * @return the evidence
	 */
	public Evidence withNoHandOff(NoHandOff reason) {
		return new Evidence(this.status, this.bodyFrom, this.contentEncoding, this.location, this.late,
				this.storeErrorCode, this.errorPath, this.storageFault, this.rewriteFault, reason);
	}

	/**
	 * Who wrote the body of an answer.
	 */
	public enum BodyFrom {

		/** No body. */
		NONE,

		/** The proxy's own error page (HTML). */
		PROXY,

		/** The application's own error (JSON). */
		APPLICATION,

		/** An object store's error (XML with a code). */
		STORE,

		/** Nobody recognisable. */
		UNKNOWN

	}

	/**
	 * Which part of an answer came late.
	 */
	public enum Late {

		/** Nothing came late. */
		NONE,

		/** No headers within the timeout. */
		HEADERS,

		/** The headers came, the body did not finish within the timeout. */
		BODY

	}

	/**
	 * Why a storage operation failed, as the storage typed it.
	 */
	public enum StorageFault {

		/** It did not fail. */
		NONE,

		/** The file is not there. */
		FILE_MISSING,

		/** The storage root (folder, bucket) is not there. */
		ROOT_MISSING,

		/** The application's user or credentials may not do it. */
		ACCESS_DENIED,

		/** Something other than a file holds the path. */
		NOT_A_FILE,

		/** The file system is mounted read-only. */
		READ_ONLY,

		/** The file system has no room left. */
		NO_SPACE,

		/** The store refuses the credentials or their signature. */
		CREDENTIALS_REFUSED,

		/** The store finds this machine's clock too far from its own. */
		CLOCK_SKEW,

		/** The store cannot be reached. */
		UNREACHABLE,

		/** No answer within the timeout. */
		HANGS,

		/** Anything else. */
		OTHER

	}

	/**
	 * Why the application's sendfile rules do not hand the dummy file off.
	 */
	public enum NoHandOff {

		/** They do, or the question does not arise. */
		NONE,

		/** The hand-off is switched off: {@code download.sendfile.enabled=false}. */
		DISABLED,

		/** No rule covers the storage. */
		NO_RULE,

		/** The rule's proxy cannot be handed this file, or this kind of storage, off. */
		PROXY_CANNOT,

		/** The answering application has other rules than this one. */
		OTHER_RULES

	}

}
