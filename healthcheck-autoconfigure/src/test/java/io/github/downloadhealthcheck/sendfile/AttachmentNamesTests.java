package io.github.downloadhealthcheck.sendfile;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AttachmentNames}.
 */
class AttachmentNamesTests {

	@Test
	void asciiNameHasOnlyTheQuotedFilename() {
		assertThat(AttachmentNames.contentDisposition("report-2024_v2.pdf"))
			.isEqualTo("attachment; filename=\"report-2024_v2.pdf\"");
	}

	@Test
	void asciiNameWithSpacesIsQuotedAsIs() {
		assertThat(AttachmentNames.contentDisposition("annual report.pdf"))
			.isEqualTo("attachment; filename=\"annual report.pdf\"");
	}

	@Test
	void accentedNameHasAsciiFallbackAndRfc5987Filename() {
		assertThat(AttachmentNames.contentDisposition("résumé 2024.pdf"))
			.isEqualTo("attachment; filename=\"resume 2024.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.pdf");
	}

	@Test
	void cjkNameHasPlaceholderFallbackAndRfc5987Filename() {
		assertThat(AttachmentNames.contentDisposition("報告書.pdf"))
			.isEqualTo("attachment; filename=\"___.pdf\"; filename*=UTF-8''%E5%A0%B1%E5%91%8A%E6%9B%B8.pdf");
	}

	@Test
	void supplementaryCharacterIsEncodedAsOneUtf8Sequence() {
		String value = AttachmentNames.contentDisposition("\uD83D\uDE00.txt");
		assertThat(parameters(value)).containsEntry("filename*", "UTF-8''%F0%9F%98%80.txt");
	}

	@Test
	void fullWidthQuoteAndBackslashCannotSneakInThroughNormalization() {
		// NFKD turns U+FF02 into '"' and U+FF3C into '\': they must be replaced after it.
		String value = AttachmentNames.contentDisposition("\uFF02a\uFF3Cb\uFF02.txt");
		assertThat(parameters(value)).containsEntry("filename", "_a_b_.txt");
		assertThat(decodedFilenameStar(value)).isEqualTo("\uFF02a\uFF3Cb\uFF02.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\"; filename=\"evil.exe", "a\\\"b.txt", "a\\", "\"", "x\r\nSet-Cookie: session=stolen",
			"x\nContent-Length: 0", "a;b=c.txt", "a; filename*=UTF-8''evil.exe", "100%.txt", "%22.txt", "a\u0000b.txt",
			"a\u007fb.txt", "tab\there", "ü\"; filename*=UTF-8''evil.exe", "\u2028line\u2029separators", "é\r\n" })
	void hostileNameNeverEndsTheQuotedStringNorAddsAParameter(String name) {
		String value = AttachmentNames.contentDisposition(name);
		assertThat(value).doesNotContainPattern("[\\x00-\\x1f\\x7f]").matches("\\p{ASCII}*");
		assertThat(value).startsWith("attachment; filename=\"");
		Map<String, String> parameters = parameters(value);
		assertThat(parameters.keySet()).containsAnyOf("filename").isSubsetOf("filename", "filename*");
		assertThat(parameters.get("filename")).doesNotContain("\"", "\\", ";", "%");
		String stripped = name.replaceAll("[\\x00-\\x1f\\x7f]", "");
		if (parameters.containsKey("filename*")) {
			assertThat(parameters.get("filename*")).matches("UTF-8''[A-Za-z0-9!#$&+\\-.^_`|~%]*");
			assertThat(decodedFilenameStar(value)).isEqualTo(stripped);
		}
		else {
			assertThat(parameters.get("filename")).isEqualTo(name);
		}
	}

	@Test
	void percentAndSemicolonInAnAsciiNameAreKeptInTheRfc5987Filename() {
		assertThat(AttachmentNames.contentDisposition("50%; off.txt"))
			.isEqualTo("attachment; filename=\"50__ off.txt\"; filename*=UTF-8''50%25%3B%20off.txt");
	}

	@Test
	void blankNameGetsAGenericFallback() {
		assertThat(parameters(AttachmentNames.contentDisposition("  "))).containsEntry("filename", "download");
	}

	/**
	 * Parses a disposition value strictly: a type, then {@code ; name=value} parameters
	 * whose value is a token or a quoted string without escapes (AttachmentNames never
	 * emits any). Fails on anything else, so a smuggled quote or parameter shows up as a
	 * failure.
	 */
	private static Map<String, String> parameters(String value) {
		assertThat(value).startsWith("attachment");
		Map<String, String> parameters = new LinkedHashMap<>();
		int i = "attachment".length();
		while (i < value.length()) {
			assertThat(value.startsWith("; ", i)).as("parameter separator at %d in %s", i, value).isTrue();
			i += 2;
			int equals = value.indexOf('=', i);
			assertThat(equals).as("parameter without '=' in %s", value).isPositive();
			String name = value.substring(i, equals);
			assertThat(name).matches("[A-Za-z*]+");
			i = equals + 1;
			String parameterValue;
			if (value.charAt(i) == '"') {
				int close = value.indexOf('"', i + 1);
				assertThat(close).as("unterminated quoted string in %s", value).isPositive();
				parameterValue = value.substring(i + 1, close);
				i = close + 1;
			}
			else {
				int end = value.indexOf(';', i);
				end = (end < 0) ? value.length() : end;
				parameterValue = value.substring(i, end);
				assertThat(parameterValue).doesNotContain(" ", "\"");
				i = end;
			}
			assertThat(parameters.put(name, parameterValue)).as("duplicate parameter %s in %s", name, value).isNull();
		}
		return parameters;
	}

	private static String decodedFilenameStar(String value) {
		String encoded = parameters(value).get("filename*");
		assertThat(encoded).startsWith("UTF-8''");
		// '+' is an attr-char, sent as is: keep URLDecoder from turning it into a space.
		return URLDecoder.decode(encoded.substring("UTF-8''".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
