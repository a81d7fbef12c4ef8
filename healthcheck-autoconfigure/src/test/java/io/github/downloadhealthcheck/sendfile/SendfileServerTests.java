package io.github.downloadhealthcheck.sendfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendfileServer}: each proxy's header and value format, as verified
 * against the real servers (see the sample application's proxy templates).
 */
class SendfileServerTests {

	private static final RelativePath AWKWARD = RelativePath.parse("dir/100% a+b&c \u00e9.txt");

	@TempDir
	Path storage;

	@Test
	void nginxGetsThePercentEncodedUriOfItsInternalLocation() {
		assertThat(SendfileServer.NGINX.headerName()).isEqualTo("X-Accel-Redirect");
		assertThat(SendfileServer.NGINX.headerValue("/internal-storage/", AWKWARD))
			.isEqualTo("/internal-storage/dir/100%25%20a+b&c%20%C3%A9.txt");
	}

	@Test
	void apacheGetsTheRawAbsolutePathAsUtf8BytesOnTheWire() {
		String value = SendfileServer.APACHE.headerValue("/srv/storage", AWKWARD);
		assertThat(SendfileServer.APACHE.headerName()).isEqualTo("X-Sendfile");
		assertThat(new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
			.isEqualTo("/srv/storage/dir/100% a+b&c \u00e9.txt");
		assertThat(value.chars()).allMatch((c) -> c <= 0xff);
	}

	@Test
	void lighttpdGetsTheStrictlyPercentEncodedAbsolutePath() {
		assertThat(SendfileServer.LIGHTTPD.headerName()).isEqualTo("X-Sendfile");
		assertThat(SendfileServer.LIGHTTPD.headerValue("/srv/my storage/", AWKWARD))
			.isEqualTo("/srv/my%20storage/dir/100%25%20a%2Bb%26c%20%C3%A9.txt");
	}

	@Test
	void caddyGetsTheRawUriAndCannotTakeAQuestionMark() {
		String value = SendfileServer.CADDY.headerValue("/internal-storage", AWKWARD);
		assertThat(SendfileServer.CADDY.headerName()).isEqualTo("X-Accel-Redirect");
		assertThat(new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
			.isEqualTo("/internal-storage/dir/100% a+b&c \u00e9.txt");
		assertThat(SendfileServer.CADDY.cannotHandOff(RelativePath.parse("why?.txt"))).get()
			.asString()
			.contains("'?'")
			.contains("Caddy");
		assertThat(SendfileServer.CADDY.cannotHandOff(AWKWARD)).isEmpty();
		assertThat(SendfileServer.NGINX.cannotHandOff(RelativePath.parse("why?.txt"))).isEmpty();
	}

	@Test
	void destinationKindsFollowTheProxy() {
		assertThat(SendfileServer.NGINX.destinationKind()).isEqualTo(SendfileServer.DestinationKind.URI_PREFIX);
		assertThat(SendfileServer.CADDY.destinationKind()).isEqualTo(SendfileServer.DestinationKind.URI_PREFIX);
		assertThat(SendfileServer.APACHE.destinationKind()).isEqualTo(SendfileServer.DestinationKind.FOLDER);
		assertThat(SendfileServer.LIGHTTPD.destinationKind()).isEqualTo(SendfileServer.DestinationKind.FOLDER);
	}

	@Test
	void hintsNameEachProxysOwnSetting() {
		// Not acting on the header is the switch alone: a file outside the target is a
		// 404, so the target is no lead there.
		assertThat(SendfileServer.NGINX.hints("/internal-storage", "/srv").notActedOn())
			.contains("proxy_ignore_headers")
			.doesNotContain("location /internal-storage/");
		assertThat(SendfileServer.NGINX.hints("/internal-storage", "/srv").handOffTarget())
			.isEqualTo("location /internal-storage/ { internal; alias /srv/; }");
		assertThat(SendfileServer.APACHE.hints("/srv", "/srv").notActedOn())
			.isEqualTo("the proxy did not act on X-Sendfile: XSendFile On where the application is proxied?");
		assertThat(SendfileServer.LIGHTTPD.hints("/srv/", "/srv").emptyBody()).contains("\"x-sendfile\" => \"enable\"")
			.doesNotContain("x-sendfile-docroot");
		assertThat(SendfileServer.LIGHTTPD.hints("/srv/", "/srv").handOffTarget())
			.isEqualTo("\"x-sendfile-docroot\" => ( \"/srv\" )");
		assertThat(SendfileServer.CADDY.hints("/internal-storage", "/srv").notActedOn()).contains("handle_response")
			.doesNotContain("root * /srv");
		assertThat(SendfileServer.NGINX.hints("/x", "/srv").upstream("http://127.0.0.1:8080"))
			.isEqualTo("proxy_pass http://127.0.0.1:8080;");
		assertThat(SendfileServer.CADDY.hints("/x", "/srv").upstream("http://127.0.0.1:8080"))
			.isEqualTo("reverse_proxy http://127.0.0.1:8080");
		assertThat(SendfileServer.APACHE.hints("/srv", "/srv").headerShownWhenOff()).isTrue();
		assertThat(SendfileServer.CADDY.hints("/x", "/srv").headerShownWhenOff()).isTrue();
		assertThat(SendfileServer.NGINX.hints("/x", "/srv").headerShownWhenOff()).isFalse();
		assertThat(SendfileServer.LIGHTTPD.hints("/srv", "/srv").headerShownWhenOff()).isFalse();
	}

	@Test
	void mixedRulesHandOffEachFolderToItsOwnProxy() throws Exception {
		Path big = Files.createDirectories(this.storage.resolve("big"));
		Path small = Files.createDirectories(this.storage.resolve("small"));
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(big, "/var/big", SendfileServer.APACHE),
						new SendfileRule(small, "/internal-small", SendfileServer.NGINX)));
		SendfileDecision toApache = mapper.decide(this.storage, "big/a.bin");
		SendfileDecision toNginx = mapper.decide(this.storage, "small/a b.bin");
		assertThat(toApache).isEqualTo(new SendfileDecision.HandOff(big.resolve("a.bin").toString(),
				SendfileServer.APACHE, "/var/big", big.toString(), "/var/big/a.bin", false));
		assertThat(toNginx).isEqualTo(new SendfileDecision.HandOff(small.resolve("a b.bin").toString(),
				SendfileServer.NGINX, "/internal-small", small.toString(), "/internal-small/a%20b.bin", false));
		assertThat(((SendfileDecision.HandOff) toApache).headerName()).isEqualTo("X-Sendfile");
		assertThat(((SendfileDecision.HandOff) toNginx).headerName()).isEqualTo("X-Accel-Redirect");
	}

	@Test
	void caddyStreamsANameWithAQuestionMarkAndSaysWhy() {
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(this.storage, "/internal-storage", SendfileServer.CADDY)));
		SendfileDecision decision = mapper.decide(this.storage, "why?.txt");
		assertThat(decision).isInstanceOf(SendfileDecision.Stream.class);
		assertThat(((SendfileDecision.Stream) decision).reason()).contains("Caddy").contains("'?'");
		assertThat(mapper.decide(this.storage, "why.txt")).isInstanceOf(SendfileDecision.HandOff.class);
	}

}
