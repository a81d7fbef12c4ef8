package io.github.downloadhealthcheck.sendfile;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Builds {@code Content-Disposition: attachment} values per RFC 6266: an ASCII
 * {@code filename} every client understands, plus an RFC 5987 {@code filename*} when the
 * name is not plain ASCII. Nothing from the name can end the quoted string, add a
 * parameter or break the header line.
 */
public final class AttachmentNames {

	private static final String ATTR_CHARS = "!#$&+-.^_`|~";

	private AttachmentNames() {
	}

	/**
	 * Header value for a download named {@code name}.
	 * @param name the name the user's browser should save the file as
	 * @return the {@code Content-Disposition} value
	 */
	public static String contentDisposition(String name) {
		String ascii = asciiFallback(name);
		StringBuilder value = new StringBuilder("attachment; filename=\"").append(ascii).append('"');
		String clean = stripControls(name);
		// A blank extended name would win over the fallback in browsers: leave it out.
		if (!ascii.equals(name) && !clean.isBlank()) {
			value.append("; filename*=UTF-8''").append(rfc5987(clean));
		}
		return value.toString();
	}

	/**
	 * ASCII rendering of a name: accents dropped, anything else unsafe in a quoted string
	 * replaced by {@code _}.
	 * @param name the name
	 * @return printable ASCII without quotes, backslashes or line breaks
	 */
	static String asciiFallback(String name) {
		String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		StringBuilder ascii = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) == Character.NON_SPACING_MARK) {
				continue;
			}
			boolean safe = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
			ascii.append(safe ? c : '_');
		}
		String result = ascii.toString().strip();
		return result.isEmpty() ? "download" : result;
	}

	private static String stripControls(String name) {
		StringBuilder clean = new StringBuilder(name.length());
		name.codePoints().filter((cp) -> cp >= 0x20 && cp != 0x7f).forEach(clean::appendCodePoint);
		return clean.toString();
	}

	private static String rfc5987(String name) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
					|| ATTR_CHARS.indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

}
