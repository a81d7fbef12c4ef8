package io.github.downloadhealthcheck.sendfile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * The reverse proxies a download can be handed off to, each with its own header, value
 * format, kind of destination and words for its settings. Peers of one abstraction:
 * adding a proxy adds a constant, not a branch elsewhere.
 * <p>
 * Header values are returned as they go on the wire: servlet containers write header
 * values as ISO-8859-1, one byte per character, so a value sent raw carries its UTF-8
 * bytes as ISO-8859-1 characters.
 */
public enum SendfileServer {

	/**
	 * nginx: {@code X-Accel-Redirect} with the URI of an {@code internal} location. nginx
	 * percent-decodes the value and treats {@code ?} as the start of arguments, so every
	 * segment is percent-encoded.
	 */
	NGINX("X-Accel-Redirect", DestinationKind.URI_PREFIX) {
		@Override
		public String headerValue(String destination, RelativePath path) {
			return uriUnder(destination, path);
		}

		@Override
		public ProxyHints hints(String destination, String storage) {
			return new ProxyHints("nginx", headerName(), "X-Accel-Redirect not listed in proxy_ignore_headers",
					"location " + withSlash(destination) + " { internal; alias " + withSlash(storage) + "; }",
					"alias of the dummy file's location (location = ...) inside " + storage, false, "proxy_pass %s;",
					"limit_rate");
		}
	},

	/**
	 * Apache httpd with mod_xsendfile: {@code X-Sendfile} with the absolute path of the
	 * file, which must lie inside {@code XSendFilePath}. mod_xsendfile 0.12 decodes
	 * nothing, so the path is sent raw (an encoded one names a file that does not exist).
	 * Apache acts on the header only when the application answers exactly {@code 200}.
	 */
	APACHE("X-Sendfile", DestinationKind.FOLDER) {
		@Override
		public String headerValue(String destination, RelativePath path) {
			return wire(stripTrailingSlash(destination) + "/" + path);
		}

		@Override
		public ProxyHints hints(String destination, String storage) {
			return new ProxyHints("Apache (mod_xsendfile)", headerName(),
					"XSendFile On where the application is proxied", "XSendFilePath " + stripTrailingSlash(destination),
					"Alias/AliasMatch of the dummy file's location inside " + storage, true,
					"ProxyPass <path> %s<path>", "mod_ratelimit (SetOutputFilter RATE_LIMIT)");
		}
	},

	/**
	 * lighttpd: {@code X-Sendfile} with the absolute path of the file, below an
	 * {@code x-sendfile-docroot} of the application's {@code proxy.server} entry.
	 * lighttpd URL-decodes the value, so the whole path is percent-encoded.
	 */
	LIGHTTPD("X-Sendfile", DestinationKind.FOLDER) {
		@Override
		public String headerValue(String destination, RelativePath path) {
			return strictlyEncoded(stripTrailingSlash(destination)) + "/" + strictlyEncoded(path.toString());
		}

		@Override
		public ProxyHints hints(String destination, String storage) {
			return new ProxyHints("lighttpd", headerName(),
					"\"x-sendfile\" => \"enable\" in the application's proxy.server entry",
					"\"x-sendfile-docroot\" => ( \"" + stripTrailingSlash(destination) + "\" )",
					"alias.url of the dummy file's location inside " + storage, false,
					"proxy.server host and port of %s", "connection.kbytes-per-second");
		}
	},

	/**
	 * Caddy: {@code X-Accel-Redirect} with a URI, taken over by a {@code handle_response}
	 * inside {@code reverse_proxy} that strips the prefix and serves the rest from a
	 * {@code root}. Caddy 2.6.2's {@code rewrite} does not percent-decode, so the path is
	 * sent raw, and it starts a query string at {@code ?}: a name holding {@code ?}
	 * cannot be handed off.
	 */
	CADDY("X-Accel-Redirect", DestinationKind.URI_PREFIX) {
		@Override
		public String headerValue(String destination, RelativePath path) {
			return wire(stripTrailingSlash(destination) + "/" + path);
		}

		@Override
		public Optional<String> cannotHandOff(RelativePath path) {
			return path.toString().contains("?")
					? Optional.of("Caddy's rewrite cuts X-Accel-Redirect at '?', so '"
							+ PathSafety.forLog(path.toString()) + "' cannot be handed off to Caddy")
					: Optional.empty();
		}

		@Override
		public ProxyHints hints(String destination, String storage) {
			return new ProxyHints("Caddy", headerName(), "a handle_response for X-Accel-Redirect inside reverse_proxy",
					"handle_response { root * " + storage
							+ "; rewrite * {rp.header.X-Accel-Redirect}; uri strip_prefix "
							+ stripTrailingSlash(destination) + " }",
					"root of the dummy file's handle inside " + storage, true, "reverse_proxy %s", "a rate limit");
		}
	};

	/**
	 * What a rule's destination names for a proxy.
	 */
	public enum DestinationKind {

		/** The URI prefix of an internal location, e.g. {@code /internal-storage}. */
		URI_PREFIX("the URI prefix of the proxy's internal location, e.g. /internal-storage"),

		/** An absolute folder the proxy reads files from, e.g. {@code /srv/storage}. */
		FOLDER("the absolute folder the proxy reads the files from, e.g. /srv/storage");

		private final String description;

		DestinationKind(String description) {
			this.description = description;
		}

		/**
		 * What the destination must be, for messages.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

	}

	private final String headerName;

	private final DestinationKind destinationKind;

	SendfileServer(String headerName, DestinationKind destinationKind) {
		this.headerName = headerName;
		this.destinationKind = destinationKind;
	}

	/**
	 * Name of the response header this proxy acts on.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * What a rule's destination names for this proxy.
	 * @return the kind of destination
	 */
	public DestinationKind destinationKind() {
		return this.destinationKind;
	}

	/**
	 * Whether this proxy takes a URI in its hand-off header (the {@code X-Accel-Redirect}
	 * family), rather than a local file path: only those can hand off objects fetched
	 * over HTTP, and only there can a client try the same URI from outside.
	 * @return {@code true} for nginx and Caddy
	 */
	public boolean takesUri() {
		return this.destinationKind == DestinationKind.URI_PREFIX;
	}

	/**
	 * Value of the hand-off header for a file, as it goes on the wire.
	 * @param destination the rule's destination: an internal URI prefix or a folder, as
	 * the proxy expects
	 * @param path the file's path relative to the rule's source folder
	 * @return the header value
	 */
	public abstract String headerValue(String destination, RelativePath path);

	/**
	 * Why this proxy cannot be handed a file off, if it cannot.
	 * @param path the file's path relative to the rule's source folder
	 * @return the reason, empty when the hand-off works
	 */
	public Optional<String> cannotHandOff(RelativePath path) {
		return Optional.empty();
	}

	/**
	 * This proxy's words for the settings a failed check points at.
	 * @param destination the rule's destination
	 * @param storage the storage root as the proxy should see it
	 * @return the hints
	 */
	public abstract ProxyHints hints(String destination, String storage);

	/**
	 * Name used in properties and messages.
	 * @return the lower-case name, e.g. {@code nginx}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static String uriUnder(String prefix, RelativePath path) {
		String encoded = path.segments()
			.stream()
			.map((segment) -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
		return stripTrailingSlash(prefix) + "/" + encoded;
	}

	/**
	 * Every byte but RFC 3986's unreserved characters and {@code /} percent-encoded:
	 * whatever a decoding proxy makes of {@code +}, {@code ;} or {@code %}, it gets the
	 * name back.
	 */
	private static String strictlyEncoded(String path) {
		return Arrays.stream(path.split("/", -1))
			.map((segment) -> UriUtils.encode(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
	}

	/**
	 * The UTF-8 bytes of a raw value as ISO-8859-1 characters, which servlet containers
	 * write one byte each: the proxy receives the path's UTF-8 bytes.
	 */
	private static String wire(String value) {
		return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	static String stripTrailingSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	private static String withSlash(String value) {
		return value.endsWith("/") ? value : value + "/";
	}

}
