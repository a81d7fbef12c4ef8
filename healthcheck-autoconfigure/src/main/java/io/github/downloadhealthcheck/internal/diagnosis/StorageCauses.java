package io.github.downloadhealthcheck.internal.diagnosis;

import io.github.downloadhealthcheck.check.Cause;
import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Explanation;

/**
 * Causes of a DOWN {@code storage}, decided on the typed fault the storage reported when
 * reading the dummy file and, when it was missing, when writing it again.
 */
final class StorageCauses {

	private StorageCauses() {
	}

	static Explanation explain(CheckResult result, DiagnosisContext context) {
		Evidence evidence = result.evidence();
		return switch (result.symptom()) {
			case DUMMY_MISSING -> missing(result, context);
			case DUMMY_ALTERED -> new Explanation(Cause.DUMMY_ALTERED,
					"give every instance writing to " + context.storage() + " the same download.healthcheck.dummy "
							+ "settings (the next check after deleting the file writes it again)",
					"storage: the dummy file reads back with other bytes than the ones written");
			case TIMEOUT -> hangs(context);
			case STORAGE_ERROR -> fault(evidence.storageFault(), result, context, false);
			default -> Observed.unknown(result);
		};
	}

	private static Explanation missing(CheckResult result, DiagnosisContext context) {
		Evidence evidence = result.evidence();
		if (evidence.storageFault() == Evidence.StorageFault.ROOT_MISSING) {
			return rootMissing(context);
		}
		if (evidence.rewriteFault() == Evidence.StorageFault.NONE) {
			return new Explanation(Cause.DUMMY_DELETED,
					"nothing, if it happened once: the next check writes the dummy file again; if it recurs, "
							+ "exclude .download-healthcheck/ from whatever deletes files in " + context.storage(),
					"storage: the dummy file is missing; the storage root is there");
		}
		return fault(evidence.rewriteFault(), result, context, true);
	}

	private static Explanation fault(Evidence.StorageFault fault, CheckResult result, DiagnosisContext context,
			boolean writing) {
		String where = context.storage();
		String seen = "storage: " + (writing ? "writing the dummy file again failed: " : "reading it failed: ") + fault;
		return switch (fault) {
			case ROOT_MISSING -> rootMissing(context);
			case ACCESS_DENIED -> writing
					? new Explanation(Cause.STORAGE_NOT_WRITABLE,
							"give the application's " + (context.objectStorage() ? "credentials" : "user")
									+ " write access to " + where,
							seen)
					: new Explanation(Cause.STORAGE_NOT_READABLE,
							"give the application's " + (context.objectStorage() ? "credentials" : "user")
									+ " read access to the dummy file in " + where,
							seen);
			case NOT_A_FILE -> new Explanation(Cause.DUMMY_PATH_TAKEN, "remove what holds the dummy file's path in "
					+ where + ", or set download.healthcheck.dummy.path to a free path", seen);
			case READ_ONLY -> new Explanation(Cause.STORAGE_READ_ONLY, "mount " + where + " read-write", seen);
			case NO_SPACE -> new Explanation(Cause.STORAGE_FULL, "free space on the file system of " + where, seen);
			case CREDENTIALS_REFUSED -> new Explanation(Cause.STORE_CREDENTIALS_REFUSED,
					"fix download.healthcheck.storage.s3.access-key-id and secret-access-key (and region) for " + where,
					seen);
			case CLOCK_SKEW -> new Explanation(Cause.CLOCK_SKEW,
					"synchronize the clocks of the application's host and the store (NTP)", seen);
			case UNREACHABLE ->
				new Explanation(Cause.STORE_UNREACHABLE,
						"make " + where
								+ " reachable from the application, or fix download.healthcheck.storage.s3.endpoint",
						seen);
			case HANGS -> hangs(context);
			case FILE_MISSING, NONE,
					OTHER ->
				context.objectStorage()
						? new Explanation(Cause.STORE_ERROR, "as the store says: " + result.reason(), seen)
						: Observed.unknown(result);
		};
	}

	private static Explanation rootMissing(DiagnosisContext context) {
		return context.objectStorage()
				? new Explanation(Cause.STORAGE_ROOT_MISSING,
						"create the bucket of " + context.storage() + ", or fix download.healthcheck.storage.s3.bucket",
						"storage: the bucket does not exist")
				: new Explanation(Cause.STORAGE_ROOT_MISSING,
						"mount or create the storage root of " + context.storage()
								+ " (download.healthcheck.storage.root)",
						"storage: the storage root folder does not exist");
	}

	private static Explanation hangs(DiagnosisContext context) {
		return new Explanation(Cause.STORAGE_HANGS,
				"make " + context.storage() + " answer reads again (a hung network mount or store): nothing else can",
				"storage: no answer within the timeout");
	}

}
