package io.github.downloadhealthcheck.internal.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultTlsOnFirstUse}: once used, it is the JVM's default context.
 */
class DefaultTlsOnFirstUseTests {

	@Test
	void sessionsAreTheDefaultContextsOwn() throws Exception {
		SSLContext lazy = new DefaultTlsOnFirstUse();
		assertThat(lazy.getClientSessionContext()).isSameAs(SSLContext.getDefault().getClientSessionContext());
	}

	@Test
	void enginesHaveTheDefaultContextsSettings() throws Exception {
		SSLEngine engine = new DefaultTlsOnFirstUse().createSSLEngine("store.example", 443);
		SSLEngine expected = SSLContext.getDefault().createSSLEngine("store.example", 443);
		assertThat(engine.getPeerHost()).isEqualTo("store.example");
		assertThat(engine.getPeerPort()).isEqualTo(443);
		assertThat(engine.getEnabledProtocols()).containsExactly(expected.getEnabledProtocols());
		assertThat(engine.getEnabledCipherSuites()).containsExactly(expected.getEnabledCipherSuites());
	}

	@Test
	void isNotInitialisedAgain() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> new DefaultTlsOnFirstUse().init(null, null, null));
	}

}
