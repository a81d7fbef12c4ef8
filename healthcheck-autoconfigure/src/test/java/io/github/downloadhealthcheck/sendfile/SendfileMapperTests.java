package io.github.downloadhealthcheck.sendfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Tests for {@link SendfileMapper}.
 */
class SendfileMapperTests {

	@TempDir
	Path temp;

	private Path root;

	@BeforeEach
	void createStorageRoot() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("files"));
	}

	@Test
	void fileUnderRuleIsHandedOff() throws IOException {
		Path file = Files.writeString(this.root.resolve("report.pdf"), "content");
		SendfileDecision decision = nginxMapper("/internal").decide(this.root, "report.pdf");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.HandOff.class, (handOff) -> {
			assertThat(handOff.path()).isEqualTo(file.toString());
			assertThat(handOff.headerName()).isEqualTo("X-Accel-Redirect");
			assertThat(handOff.headerValue()).isEqualTo("/internal/report.pdf");
			assertThat(handOff.storage()).isEqualTo(this.root.toString());
		});
	}

	@Test
	void nestedFileKeepsItsSegmentsBelowTheDestination() {
		assertThat(headerValue(nginxMapper("/internal"), this.root, "users/42/report.pdf"))
			.isEqualTo("/internal/users/42/report.pdf");
	}

	@Test
	void folderBelowTheRuleSourceMapsRelativeToTheSource() throws IOException {
		Path users = Files.createDirectories(this.root.resolve("users"));
		assertThat(headerValue(nginxMapper("/internal"), users, "42/report.pdf"))
			.isEqualTo("/internal/users/42/report.pdf");
	}

	@Test
	void destinationWithTrailingSlashGivesNoDoubleSlash() {
		assertThat(headerValue(nginxMapper("/internal/"), this.root, "a.bin")).isEqualTo("/internal/a.bin");
	}

	@Test
	void spaceIsPercentEncoded() {
		assertThat(headerValue(nginxMapper("/internal"), this.root, "my report.pdf"))
			.isEqualTo("/internal/my%20report.pdf");
	}

	@Test
	void nonAsciiIsPercentEncodedAsUtf8() {
		assertThat(headerValue(nginxMapper("/internal"), this.root, "dossier/résumé.pdf"))
			.isEqualTo("/internal/dossier/r%C3%A9sum%C3%A9.pdf");
	}

	@Test
	void questionMarkIsPercentEncodedSoNginxDoesNotSplitArguments() {
		assertThat(headerValue(nginxMapper("/internal"), this.root, "what?.txt")).isEqualTo("/internal/what%3F.txt");
	}

	@Test
	void hashIsPercentEncoded() {
		assertThat(headerValue(nginxMapper("/internal"), this.root, "a#b.txt")).isEqualTo("/internal/a%23b.txt");
	}

	@Test
	void literalPercentIsPercentEncodedSoNginxDecodesItBackToTheName() {
		// A '%' that does not spell an encoded dot, slash, backslash, NUL or percent is a
		// plain character of the name; nginx decodes %25 once, back to the name on disk.
		assertThat(headerValue(nginxMapper("/internal"), this.root, "100%.txt")).isEqualTo("/internal/100%25.txt");
	}

	@Test
	void encodedPercentIsRefused() {
		// '%25' would become '%' after one more decoding, and could then spell anything.
		assertThat(nginxMapper("/internal").decide(this.root, "a%252e%252e"))
			.isInstanceOf(SendfileDecision.Refused.class);
	}

	@Test
	void firstMatchingRuleWins() throws IOException {
		Path reports = Files.createDirectories(this.root.resolve("reports"));
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(reports, "/reports", SendfileServer.NGINX),
						new SendfileRule(this.root, "/everything", SendfileServer.NGINX)));
		assertThat(headerValue(mapper, this.root, "reports/q1.pdf")).isEqualTo("/reports/q1.pdf");
		assertThat(headerValue(mapper, this.root, "other/q1.pdf")).isEqualTo("/everything/other/q1.pdf");
	}

	@Test
	void firstMatchingRuleWinsEvenWhenALaterRuleIsMoreSpecific() throws IOException {
		Path reports = Files.createDirectories(this.root.resolve("reports"));
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(this.root, "/everything", SendfileServer.NGINX),
						new SendfileRule(reports, "/reports", SendfileServer.NGINX)));
		SendfileDecision decision = mapper.decide(this.root, "reports/q1.pdf");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.HandOff.class, (handOff) -> {
			assertThat(handOff.headerValue()).isEqualTo("/everything/reports/q1.pdf");
			assertThat(handOff.destination()).isEqualTo("/everything");
		});
	}

	@Test
	void ruleSourceFolderItselfIsNotHandedOff() {
		SendfileDecision decision = nginxMapper("/internal").decide(this.temp, "files");
		assertThat(decision).isInstanceOf(SendfileDecision.Stream.class);
	}

	@Test
	void siblingFolderSharingTheSourceNamePrefixIsNotUnderTheRule() throws IOException {
		Path sibling = Files.createDirectories(this.temp.resolve("files-archive"));
		SendfileDecision decision = nginxMapper("/internal").decide(sibling, "a.bin");
		assertThat(decision).isInstanceOf(SendfileDecision.Stream.class);
	}

	@Test
	void disabledMapperStreamsWithReasonNamingTheProperty() throws IOException {
		Path file = Files.writeString(this.root.resolve("a.bin"), "content");
		SendfileMapper mapper = new SendfileMapper(false,
				List.of(new SendfileRule(this.root, "/internal", SendfileServer.NGINX)));
		SendfileDecision decision = mapper.decide(this.root, "a.bin");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.Stream.class, (stream) -> {
			assertThat(stream.path()).isEqualTo(file.toString());
			assertThat(stream.reason()).contains("download.sendfile.enabled");
		});
	}

	@Test
	void disabledMapperStillRefusesHostilePaths() {
		SendfileMapper mapper = new SendfileMapper(false,
				List.of(new SendfileRule(this.root, "/internal", SendfileServer.NGINX)));
		assertThat(mapper.decide(this.root, "../secret")).isInstanceOf(SendfileDecision.Refused.class);
	}

	@Test
	void fileUnderNoRuleIsStreamedWithReasonNamingTheSourcesTried() throws IOException {
		Path images = Files.createDirectories(this.temp.resolve("images"));
		Path videos = Files.createDirectories(this.temp.resolve("videos"));
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(images, "/images", SendfileServer.NGINX),
						new SendfileRule(videos, "/videos", SendfileServer.NGINX)));
		SendfileDecision decision = mapper.decide(this.root, "a.bin");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.Stream.class, (stream) -> {
			assertThat(stream.path()).isEqualTo(this.root.resolve("a.bin").toString());
			assertThat(stream.reason()).contains(images.toString()).contains(videos.toString());
		});
	}

	@Test
	void noRulesConfiguredStreamsWithReasonNamingTheRulesProperty() {
		SendfileDecision decision = new SendfileMapper(true, List.of()).decide(this.root, "a.bin");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.Stream.class,
				(stream) -> assertThat(stream.reason()).contains("download.sendfile.rules"));
	}

	@ParameterizedTest
	@MethodSource("hostilePaths")
	void hostilePathIsRefused(String path) {
		SendfileDecision decision = nginxMapper("/internal").decide(this.root, path);
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.Refused.class,
				(refused) -> assertThat(refused.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}"));
	}

	static Stream<Arguments> hostilePaths() {
		return Stream.of(
				// Dot segments, plain
				argumentSet("parent", ".."), argumentSet("current", "."), argumentSet("parent first", "../x"),
				argumentSet("parent last", "a/.."), argumentSet("climbing out", "a/../../etc/passwd"),
				argumentSet("current first", "./x"), argumentSet("current in the middle", "a/./b"),
				argumentSet("parent behind what looks like a query", "a?b=/../../x"),
				argumentSet("parent behind what looks like a fragment", "a#/../x"),
				// Absolute and empty
				argumentSet("absolute", "/etc/passwd"), argumentSet("root only", "/"),
				argumentSet("network path", "//server/share"), argumentSet("empty", ""),
				argumentSet("empty segment", "a//b"), argumentSet("trailing slash", "a/"),
				// Encoded, decoded once more by a proxy or a container
				argumentSet("encoded parent", "%2e%2e/x"),
				argumentSet("encoded parent and slash, upper case", "%2E%2E%2Fx"),
				argumentSet("parent and encoded slash", "..%2fx"), argumentSet("half-encoded parent", ".%2e/x"),
				argumentSet("encoded slash", "a%2Fb"), argumentSet("parent and encoded backslash", "..%5cx"),
				argumentSet("encoded NUL", "a%00b"), argumentSet("double-encoded parent", "%252e%252e"),
				argumentSet("double-encoded slash", "..%252fx"), argumentSet("encoded percent", "%25"),
				// Control characters
				argumentSet("NUL", "a\u0000b"), argumentSet("parent then NUL", "..\u0000/x"), argumentSet("CR", "a\rb"),
				argumentSet("LF", "a\nb"), argumentSet("CRLF header injection", "a\r\nX-Accel-Redirect: /etc/passwd"),
				argumentSet("tab", "a\tb"), argumentSet("DEL", "a\u007fb"),
				argumentSet("terminal escape", "a\u001b[31mb"),
				// Windows separators and drives
				argumentSet("backslash", "a\\b"), argumentSet("backslash parent", "..\\x"),
				argumentSet("drive with backslash", "C:\\x"), argumentSet("drive-relative", "C:x"),
				argumentSet("UNC", "\\\\server\\share"));
	}

	@ParameterizedTest
	@MethodSource("harmlessLookalikes")
	void lookalikeIsALiteralNameInsideTheFolder(String path, String expectedHeaderValue) {
		SendfileDecision decision = nginxMapper("/internal").decide(this.root, path);
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.HandOff.class, (handOff) -> {
			assertThat(Path.of(handOff.path())).startsWithRaw(this.root);
			assertThat(this.root.relativize(Path.of(handOff.path())).getNameCount()).isEqualTo(path.split("/").length);
			assertThat(handOff.headerValue()).isEqualTo(expectedHeaderValue);
		});
	}

	/**
	 * Names that look hostile but are plain names to the file system and to nginx:
	 * nothing between the mapper and the disk turns them into a separator or a dot
	 * segment, so refusing them would only break legitimate downloads.
	 */
	static Stream<Arguments> harmlessLookalikes() {
		return Stream.of(
				// ';' starts a path parameter only in a servlet container's request URI,
				// which is decoded and stripped before the application sees the name;
				// nginx and the file system treat "..;" as three ordinary characters.
				argumentSet("Tomcat path parameter", "..;/x", "/internal/..;/x"),
				// Only "." and ".." are dot segments on POSIX and in URIs.
				argumentSet("three dots", ".../x", "/internal/.../x"),
				argumentSet("dots then letters", "..x", "/internal/..x"),
				argumentSet("letters then dots", "x..", "/internal/x.."),
				argumentSet("dot file", ".hidden", "/internal/.hidden"),
				// No file system nor nginx applies Unicode compatibility normalization,
				// so full-width dots and the two-dot leader never become "..".
				argumentSet("full-width dots", "\uFF0E\uFF0E/x", "/internal/%EF%BC%8E%EF%BC%8E/x"),
				argumentSet("two dot leader", "\u2025/x", "/internal/%E2%80%A5/x"),
				argumentSet("full-width solidus", "a\uFF0Fb", "/internal/a%EF%BC%8Fb"),
				// Overlong UTF-8 stays literal: '%' is sent as %25, so nginx decodes it
				// back to the literal characters, which is what the name on disk holds.
				argumentSet("overlong UTF-8 dots", "%c0%ae%c0%ae/x", "/internal/%25c0%25ae%25c0%25ae/x"),
				// No shell expands anything here.
				argumentSet("tilde", "~root/x", "/internal/~root/x"));
	}

	@Test
	void symlinkInsideTheRootPointingOutsideIsRefused() throws IOException {
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "secret");
		Files.createSymbolicLink(this.root.resolve("escape"), outside);
		SendfileMapper mapper = nginxMapper("/internal");
		assertThat(mapper.decide(this.root, "escape/secret.txt")).isInstanceOf(SendfileDecision.Refused.class);
	}

	@Test
	void symlinkedFileInsideTheRootPointingOutsideIsRefused() throws IOException {
		Path secret = Files.writeString(Files.createDirectories(this.temp.resolve("outside")).resolve("secret.txt"),
				"secret");
		Files.createSymbolicLink(this.root.resolve("innocent.txt"), secret);
		assertThat(nginxMapper("/internal").decide(this.root, "innocent.txt"))
			.isInstanceOf(SendfileDecision.Refused.class);
	}

	@Test
	void symlinkOutOfTheFolderIsRefusedEvenWithoutRules() throws IOException {
		Path secret = Files.writeString(Files.createDirectories(this.temp.resolve("outside")).resolve("secret.txt"),
				"secret");
		Files.createSymbolicLink(this.root.resolve("innocent.txt"), secret);
		assertThat(new SendfileMapper(true, List.of()).decide(this.root, "innocent.txt"))
			.isInstanceOf(SendfileDecision.Refused.class);
	}

	@Test
	void symlinkPointingInsideTheRootIsHandedOff() throws IOException {
		Path real = Files.createDirectories(this.root.resolve("real"));
		Files.writeString(real.resolve("a.bin"), "content");
		Files.createSymbolicLink(this.root.resolve("alias"), real);
		SendfileDecision decision = nginxMapper("/internal").decide(this.root, "alias/a.bin");
		assertThat(decision).isInstanceOfSatisfying(SendfileDecision.HandOff.class,
				(handOff) -> assertThat(handOff.headerValue()).isEqualTo("/internal/alias/a.bin"));
	}

	@Test
	void ruleSourceThatIsASymlinkStillHandsOffItsFiles() throws IOException {
		Path real = Files.createDirectories(this.temp.resolve("mnt/data"));
		Files.writeString(real.resolve("a.bin"), "content");
		Path linked = Files.createSymbolicLink(this.temp.resolve("linked"), real);
		SendfileMapper mapper = new SendfileMapper(true,
				List.of(new SendfileRule(linked, "/internal", SendfileServer.NGINX)));
		assertThat(headerValue(mapper, linked, "a.bin")).isEqualTo("/internal/a.bin");
	}

	private SendfileMapper nginxMapper(String destination) {
		return new SendfileMapper(true, List.of(new SendfileRule(this.root, destination, SendfileServer.NGINX)));
	}

	private static String headerValue(SendfileMapper mapper, Path folder, String path) {
		SendfileDecision decision = mapper.decide(folder, path);
		assertThat(decision).isInstanceOf(SendfileDecision.HandOff.class);
		return ((SendfileDecision.HandOff) decision).headerValue();
	}

}
