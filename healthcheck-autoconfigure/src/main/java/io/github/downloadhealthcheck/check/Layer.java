package io.github.downloadhealthcheck.check;

/**
 * The four layers a download goes through, each checked on its own.
 */
public enum Layer {

	/** The dummy file can be read back from storage, same bytes. */
	STORAGE("storage"),

	/** The application's healthcheck view, called directly, answers with the hand-off. */
	BACKEND("backend"),

	/** The reverse proxy serves the dummy file straight from storage. */
	PROXY("proxy"),

	/** Through the proxy, the healthcheck view returns the dummy file's bytes. */
	END_TO_END("end-to-end");

	private final String id;

	Layer(String id) {
		this.id = id;
	}

	/**
	 * Name used everywhere: health component, metric tag, properties and docs.
	 * @return the layer's name
	 */
	public String id() {
		return this.id;
	}

}
