package io.github.downloadhealthcheck.internal.check;

import io.github.downloadhealthcheck.check.CheckResult;
import io.github.downloadhealthcheck.check.Evidence;
import io.github.downloadhealthcheck.check.Layer;
import io.github.downloadhealthcheck.check.Symptom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.downloadhealthcheck.config.Urls;
import io.github.downloadhealthcheck.storage.DownloadStorage;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.StorageException;

/**
 * {@code storage}: reads the dummy file back from storage and compares size and SHA-256.
 * The one owner of the dummy file: written before the first refresh, and again before the
 * refresh after one that found it missing, so that refresh tells whether storage accepts
 * writes and every layer sees the file again at once.
 */
public final class StorageCheck implements LayerCheck {

	/** Key of the {@code seen} detail saying why reading the dummy file failed. */
	static final String READ_ERROR = "readError";

	/** Key of the {@code seen} detail saying how writing a missing dummy file went. */
	static final String REWRITE = "rewrite";

	private final DownloadStorage storage;

	private final DummyFile dummy;

	private final Duration timeout;

	private final Clock clock;

	/** Pending from the start: the first refresh puts the dummy file there. */
	private final AtomicBoolean rewritePending = new AtomicBoolean(true);

	private final AtomicReference<@Nullable Rewrite> rewriteFailure = new AtomicReference<>();

	/**
	 * How writing the missing dummy file again failed.
	 *
	 * @param fault the fault, typed
	 * @param description what was said, for people
	 */
	private record Rewrite(Evidence.StorageFault fault, String description) {
	}

	/**
	 * Creates the check.
	 * @param storage the storage
	 * @param dummy the dummy file expected there
	 * @param timeout how long the check may take
	 * @param clock stamps results
	 */
	public StorageCheck(DownloadStorage storage, DummyFile dummy, Duration timeout, Clock clock) {
		this.storage = storage;
		this.dummy = dummy;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Layer layer() {
		return Layer.STORAGE;
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public String requested() {
		return "read " + this.dummy.relativePath() + " from " + this.storage.describe();
	}

	@Override
	public Mono<Void> prepare() {
		if (!this.rewritePending.getAndSet(false)) {
			return Mono.empty();
		}
		Mono<Object> write = Mono.fromRunnable(() -> {
			try (InputStream content = this.dummy.open()) {
				this.storage.writeAtomically(this.dummy.relativePath(), content, this.dummy.size());
				this.rewriteFailure.set(null);
			}
			catch (IOException | RuntimeException ex) {
				this.rewriteFailure.set(new Rewrite(fault(ex), describe(ex)));
			}
		});
		return Mono.deferContextual((context) -> {
			CheckSchedulers schedulers = CheckSchedulers.of(context);
			return write.subscribeOn(schedulers.blocking()).timeout(this.timeout, schedulers.timer());
		}).onErrorResume((error) -> {
			this.rewriteFailure
				.set(new Rewrite(Evidence.StorageFault.HANGS, "no answer within " + Urls.format(this.timeout)));
			return Mono.empty();
		}).then();
	}

	@Override
	public Mono<CheckResult> check() {
		ResultRecorder recorder = new ResultRecorder(Layer.STORAGE, requested(), this.clock);
		Mono<CheckResult> read = Mono.fromCallable(() -> checkNow(recorder));
		return Mono.deferContextual((context) -> {
			CheckSchedulers schedulers = CheckSchedulers.of(context);
			return read.subscribeOn(schedulers.blocking()).timeout(this.timeout, schedulers.timer());
		})
			.onErrorResume((error) -> Mono.just(recorder.down(Symptom.TIMEOUT,
					"no answer from " + this.storage.describe() + " within " + Urls.format(this.timeout)
							+ ": storage hangs (network file system, object store?)",
					expected(), Map.of(), Evidence.storage(Evidence.StorageFault.HANGS, Evidence.StorageFault.NONE))));
	}

	private CheckResult checkNow(ResultRecorder recorder) {
		MessageDigest digest = DummyFile.sha256Digest();
		long count = 0;
		try (InputStream in = this.storage.open(this.dummy.relativePath())) {
			byte[] buffer = new byte[8192];
			int read;
			// One byte past the expected size is enough to know the file is too long.
			while (count <= this.dummy.size() && (read = in.read(buffer)) != -1) {
				digest.update(buffer, 0, read);
				count += read;
			}
		}
		catch (NoSuchFileException ex) {
			return missing(recorder, Evidence.StorageFault.FILE_MISSING, ex.getReason());
		}
		catch (StorageException ex) {
			if (ex.kind() == StorageException.Kind.ROOT_MISSING) {
				return missing(recorder, Evidence.StorageFault.ROOT_MISSING, ex.getMessage());
			}
			return recorder.down(Symptom.STORAGE_ERROR, Objects.requireNonNullElse(ex.getMessage(), ex.toString()),
					expected(), Map.of(READ_ERROR, describe(ex)),
					Evidence.storage(fault(ex), Evidence.StorageFault.NONE));
		}
		catch (AccessDeniedException ex) {
			return recorder.down(Symptom.STORAGE_ERROR,
					"permission denied reading " + this.dummy.relativePath() + " from " + this.storage.describe()
							+ ": the application's user needs read access",
					expected(), Map.of(READ_ERROR, "permission denied"),
					Evidence.storage(Evidence.StorageFault.ACCESS_DENIED, Evidence.StorageFault.NONE));
		}
		catch (IOException | RuntimeException ex) {
			return recorder.down(Symptom.STORAGE_ERROR,
					"cannot read " + this.dummy.relativePath() + " from " + this.storage.describe() + ": "
							+ describe(ex),
					expected(), Map.of(READ_ERROR, describe(ex)),
					Evidence.storage(fault(ex), Evidence.StorageFault.NONE));
		}
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("bytes", count > this.dummy.size() ? "more than " + this.dummy.size() : count);
		String sha256 = HexFormat.of().formatHex(digest.digest());
		if (count == this.dummy.size() && sha256.equals(this.dummy.sha256())) {
			seen.put("sha256", sha256);
			return recorder.up(expected(), seen);
		}
		if (count <= this.dummy.size()) {
			seen.put("sha256", sha256);
		}
		return recorder.down(Symptom.DUMMY_ALTERED,
				"dummy file in " + this.storage.describe()
						+ " differs from the expected bytes: delete it and the next check writes it again; if it keeps "
						+ "changing, another writer (a replica with other download.healthcheck.dummy settings?) or the "
						+ "storage itself alters files",
				expected(), seen, Evidence.NONE);
	}

	private CheckResult missing(ResultRecorder recorder, Evidence.StorageFault read, @Nullable String why) {
		this.rewritePending.set(true);
		Rewrite failure = this.rewriteFailure.get();
		Evidence evidence = Evidence.storage(read, (failure != null) ? failure.fault() : Evidence.StorageFault.NONE);
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("dummy", "missing");
		if (why != null) {
			seen.put("why", why);
		}
		seen.put(REWRITE, (failure != null) ? "failed: " + failure.description() : "before the next check");
		if (failure != null) {
			return recorder.down(
					Symptom.DUMMY_MISSING, "dummy file " + this.dummy.relativePath() + " is missing from "
							+ this.storage.describe() + " and writing it again failed: " + failure.description(),
					expected(), seen, evidence);
		}
		String cause = (why != null) ? ": " + why : "";
		return recorder.down(
				Symptom.DUMMY_MISSING, "dummy file " + this.dummy.relativePath() + " is missing from "
						+ this.storage.describe() + cause + "; it is written again before the next check",
				expected(), seen, evidence);
	}

	private Map<String, Object> expected() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("bytes", this.dummy.size());
		expected.put("sha256", this.dummy.sha256());
		return expected;
	}

	/**
	 * The fault an exception stands for, by its type: the storage's own kind, or the
	 * JDK's exception for the file system's error code.
	 */
	private static Evidence.StorageFault fault(Exception ex) {
		if (ex instanceof StorageException typed) {
			return switch (typed.kind()) {
				case ROOT_MISSING -> Evidence.StorageFault.ROOT_MISSING;
				case ACCESS_DENIED -> Evidence.StorageFault.ACCESS_DENIED;
				case NOT_A_FILE -> Evidence.StorageFault.NOT_A_FILE;
				case READ_ONLY -> Evidence.StorageFault.READ_ONLY;
				case NO_SPACE -> Evidence.StorageFault.NO_SPACE;
				case CREDENTIALS_REFUSED -> Evidence.StorageFault.CREDENTIALS_REFUSED;
				case CLOCK_SKEW -> Evidence.StorageFault.CLOCK_SKEW;
				case UNREACHABLE -> Evidence.StorageFault.UNREACHABLE;
				case TIMEOUT -> Evidence.StorageFault.HANGS;
				case OTHER -> Evidence.StorageFault.OTHER;
			};
		}
		if (ex instanceof NoSuchFileException) {
			return Evidence.StorageFault.ROOT_MISSING;
		}
		if (ex instanceof AccessDeniedException) {
			return Evidence.StorageFault.ACCESS_DENIED;
		}
		return Evidence.StorageFault.OTHER;
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		if (ex instanceof StorageException && message != null) {
			return message;
		}
		return ex.getClass().getSimpleName() + ((message != null) ? " " + message : "");
	}

}
