package io.github.downloadhealthcheck.internal.http;

import java.util.List;

import org.springframework.core.codec.DataBufferDecoder;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

/**
 * Exchange strategies that read raw buffers and nothing else: the checks digest bodies as
 * they stream and send no body. Built directly rather than through
 * {@link ExchangeStrategies#empty()}, whose codec configurer loads every codec class it
 * could register (JSON, multipart, forms) although none is used.
 */
final class BuffersOnly implements ExchangeStrategies {

	private final List<HttpMessageReader<?>> readers = List.of(new DecoderHttpMessageReader<>(new DataBufferDecoder()));

	@Override
	public List<HttpMessageReader<?>> messageReaders() {
		return this.readers;
	}

	@Override
	public List<HttpMessageWriter<?>> messageWriters() {
		return List.of();
	}

	/**
	 * Called only when a {@code WebClient.Builder} customizer changes the codecs (Boot's
	 * observed builder, say): they then get a configurer to change.
	 */
	@Override
	public Builder mutate() {
		return ExchangeStrategies.empty().codecs((codecs) -> codecs.customCodecs().register(new DataBufferDecoder()));
	}

}
