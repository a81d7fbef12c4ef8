package io.github.downloadhealthcheck.config;

/**
 * HTTP client libraries the checks' {@code WebClient} can run on.
 */
public enum HttpConnector {

	/**
	 * The one Spring Boot detects: Reactor Netty when the application has it (WebFlux
	 * apps), else the JDK's own {@code HttpClient} (servlet apps, no extra library).
	 */
	AUTO,

	/** The JDK's own {@code java.net.http.HttpClient}. */
	JDK,

	/** Reactor Netty, which the application must bring itself. */
	REACTOR_NETTY

}
