package io.github.downloadhealthcheck.internal.http;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

/**
 * The JVM's default TLS context, set up on the first TLS connection instead of when the
 * JDK's HTTP client is built. Setting up TLS loads the JSSE provider, its cipher suites
 * and the JDK's trusted certificates: some 600 classes and a good part of the checks'
 * start-up cost, for checks that mostly speak plain HTTP on loopback. A check can still
 * meet TLS it was not configured for (a presigned redirect to an {@code https} store),
 * and then gets exactly the JVM's default trust.
 * <p>
 * The client must be given explicit {@link SSLParameters} as well: without them it asks
 * the context for its defaults while it is built.
 */
final class DefaultTlsOnFirstUse extends SSLContext {

	DefaultTlsOnFirstUse() {
		super(new Spi(SingletonSupplier.of(DefaultTlsOnFirstUse::jvmDefault)), null, "default-on-first-use");
	}

	private static SSLContext jvmDefault() {
		try {
			return SSLContext.getDefault();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JVM's default TLS context cannot be set up: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Delegates every call to the default context, looked up once on first use.
	 */
	private static final class Spi extends SSLContextSpi {

		private final Supplier<SSLContext> context;

		Spi(Supplier<SSLContext> context) {
			this.context = context;
		}

		@Override
		protected void engineInit(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
				@Nullable SecureRandom random) {
			throw new UnsupportedOperationException("The JVM's default TLS context is initialised by the JVM");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.context.get().getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.context.get().getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.context.get().createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return this.context.get().createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.context.get().getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.context.get().getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.context.get().getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.context.get().getSupportedSSLParameters();
		}

	}

}
