package io.github.downloadhealthcheck.soak;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.downloadhealthcheck.check.Layer;

/**
 * A fault the soak injects and repairs, with the layers it must turn DOWN; every other
 * layer must stay UP while it holds, so a diagnosis that blames a layer that is fine
 * counts as a false DOWN.
 */
enum Fault {

	/** nginx and its workers killed with SIGKILL; repaired by starting it again. */
	PROXY_KILLED("proxy-killed", Set.of(Layer.PROXY, Layer.END_TO_END), false, Storage.values()),

	/**
	 * A config nginx rejects, reloaded with SIGHUP: nginx keeps serving the old one, so
	 * nothing may go DOWN. Repaired by reloading the good config.
	 */
	RELOAD_INVALID("reload-invalid", Set.of(), false, Storage.values()),

	/**
	 * A valid config whose storage location points elsewhere, reloaded with SIGHUP;
	 * repaired by reloading the good config.
	 */
	RELOAD_BROKEN("reload-broken", Set.of(Layer.PROXY, Layer.END_TO_END), false, Storage.values()),

	/**
	 * The dummy file's folder made unreadable and unwritable (chmod 000) for the
	 * application's and nginx's user; repaired by chmod 755. The backend hands the dummy
	 * off without reading it, so {@code backend} stays UP.
	 */
	STORAGE_PERMISSIONS("storage-permissions", Set.of(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END), false,
			Storage.FOLDER),

	/**
	 * The dummy file deleted behind the application's back: the first refresh after it
	 * reports it, and the application writes it again before the next one.
	 */
	DUMMY_DELETED("dummy-deleted", Set.of(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END), true, Storage.values()),

	/**
	 * The dummy file overwritten with other bytes of the same size; repaired by writing
	 * it back.
	 */
	DUMMY_CORRUPTED("dummy-corrupted", Set.of(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END), false, Storage.values()),

	/**
	 * S3Proxy stopped; repaired by starting it again on the same port and data. The
	 * backend presigns without calling the store, so {@code backend} stays UP.
	 */
	STORE_STOPPED("object-store-stopped", Set.of(Layer.STORAGE, Layer.PROXY, Layer.END_TO_END), false, Storage.S3),

	/**
	 * The route from nginx to the application accepts connections and never answers;
	 * repaired by letting requests through again.
	 */
	ROUTE_HUNG("route-hung", Set.of(Layer.END_TO_END), false, Storage.values()),

	/**
	 * The route from nginx to the application slowed by a quarter of the check timeout:
	 * slow but working, so nothing may go DOWN.
	 */
	ROUTE_SLOW("route-slow", Set.of(), false, Storage.values());

	private final String id;

	private final Set<Layer> expected;

	private final boolean repairedByApplication;

	private final List<Storage> storages;

	Fault(String id, Set<Layer> expected, boolean repairedByApplication, Storage... storages) {
		this.id = id;
		this.expected = expected.isEmpty() ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(expected);
		this.repairedByApplication = repairedByApplication;
		this.storages = Arrays.asList(storages);
	}

	String id() {
		return this.id;
	}

	/** The layers that must go DOWN while the fault holds. */
	Set<Layer> expected() {
		return this.expected;
	}

	/**
	 * Whether the application repairs it itself, once the first refresh after it has seen
	 * it; the soak repairs every other fault.
	 */
	boolean repairedByApplication() {
		return this.repairedByApplication;
	}

	/** The faults a run on that storage injects, in declaration order. */
	static List<Fault> on(Storage storage) {
		return Arrays.stream(values()).filter((fault) -> fault.storages.contains(storage)).toList();
	}

	/** Where the soak's application keeps its files. */
	enum Storage {

		/** A folder nginx serves with {@code alias}. */
		FOLDER("folder"),

		/** An S3 bucket on S3Proxy, which nginx fetches from with presigned URLs. */
		S3("s3");

		private final String id;

		Storage(String id) {
			this.id = id;
		}

		String id() {
			return this.id;
		}

	}

}
