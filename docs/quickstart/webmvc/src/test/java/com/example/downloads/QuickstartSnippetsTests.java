package com.example.downloads;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quick start cannot rot, in the README or in docs/quickstart.md: every code block in
 * them is marked with where it comes from, and each must equal its source. A block named
 * after a file shows that file whole; {@code install} and {@code dependency} must name
 * this build's modules and version.
 */
class QuickstartSnippetsTests {

	private static final Pattern MARKED_BLOCK = Pattern
		.compile("<!-- quickstart: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n<!-- /quickstart -->", Pattern.DOTALL);

	private static final Pattern FENCE = Pattern.compile("^```", Pattern.MULTILINE);

	private static final String MVC = "docs/quickstart/webmvc/";

	private static final String FLUX = "docs/quickstart/webflux/";

	// Set by the build; the fallback is this module's folder as working directory.
	private final Path root = Path.of(System.getProperty("quickstart.repository-root", "../../.."))
		.toAbsolutePath()
		.normalize();

	@Test
	void everyCodeBlockOfTheQuickStartIsMarked() throws IOException {
		String section = quickStart();
		assertThat(blocks(section)).hasSize(FENCE.matcher(section).results().toList().size() / 2);
		assertThat(FENCE.matcher(section).results().count() % 2).isZero();
	}

	@Test
	void readmeShowsTheControllerItself() throws IOException {
		String readme = read("README.md");
		assertThat(readme)
			.contains("<!-- quickstart: " + MVC + "src/main/java/com/example/downloads/DownloadController.java -->");
	}

	@Test
	void fileBlocksShowTheirFilesWhole() throws IOException {
		List<String> shown = new ArrayList<>();
		for (Block block : blocks(quickStart())) {
			if (block.source().contains("/")) {
				assertThat(block.text()).as(block.source()).isEqualTo(read(block.source()));
				shown.add(block.source());
			}
		}
		assertThat(shown).contains(MVC + "src/main/java/com/example/downloads/DownloadController.java",
				MVC + "src/main/resources/application.properties", MVC + "src/main/nginx/download.conf",
				FLUX + "src/main/java/com/example/downloads/DownloadRoutes.java");
		// The page says the files are shown whole: every file of the MVC application is,
		// but package-info.java (only @NullMarked, this build's own convention).
		List<String> files;
		try (Stream<Path> walk = Files.walk(this.root.resolve(MVC + "src/main"))) {
			files = walk.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
				.map((file) -> this.root.relativize(file).toString())
				.toList();
		}
		assertThat(files).isNotEmpty();
		assertThat(shown).containsAll(files).contains(MVC + "pom.xml");
	}

	@Test
	void webFluxUsesTheSameControllerPropertiesAndServerBlock() throws IOException {
		// The README says they work unchanged.
		for (String file : List.of("src/main/java/com/example/downloads/DownloadController.java",
				"src/main/resources/application.properties", "src/main/nginx/download.conf")) {
			assertThat(read(FLUX + file)).as(file).isEqualTo(read(MVC + file));
		}
	}

	@Test
	void dependencyIsTheStarterAtThisBuildsVersion() throws Exception {
		String version = xpath(read("pom.xml"), "/project/version");
		assertThat(block("dependency")).isEqualTo("""
				<dependency>
				  <groupId>io.github.downloadhealthcheck</groupId>
				  <artifactId>download-healthcheck-spring-boot-starter</artifactId>
				  <version>%s</version>
				</dependency>
				""".formatted(version));
		for (String module : List.of(MVC, FLUX)) {
			String pom = read(module + "pom.xml");
			assertThat(xpath(pom, "/project/parent/version")).as(module).isEqualTo(version);
			assertThat(xpath(pom, "/project/dependencies/dependency[1]/artifactId")).as(module)
				.isEqualTo("download-healthcheck-spring-boot-starter");
		}
	}

	@Test
	void installCommandNamesAModuleOfThisBuild() throws Exception {
		String command = block("install");
		Matcher module = Pattern.compile("-pl (\\S+)").matcher(command);
		assertThat(module.find()).as(command).isTrue();
		assertThat(xpath(read("pom.xml"), "count(/project/modules/module[text()='" + module.group(1) + "'])"))
			.as(command)
			.isEqualTo("1");
		assertThat(xpath(read(module.group(1) + "/pom.xml"), "/project/artifactId"))
			.isEqualTo("download-healthcheck-spring-boot-starter");
		assertThat(command).startsWith("mvn ").contains(" install ").contains(" -am").endsWith("\n");
	}

	private String quickStart() throws IOException {
		String readme = read("README.md");
		int start = readme.indexOf("\n## Quick start\n");
		assertThat(start).as("README.md has a '## Quick start' section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		String section = (end < 0) ? readme.substring(start) : readme.substring(start, end);
		assertThat(section).as("README's Quick start links the whole page").contains("(docs/quickstart.md)");
		return section + "\n" + read("docs/quickstart.md");
	}

	private String block(String source) throws IOException {
		return blocks(quickStart()).stream()
			.filter((block) -> block.source().equals(source))
			.map(Block::text)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no block marked <!-- quickstart: " + source + " -->"));
	}

	private static List<Block> blocks(String section) {
		return MARKED_BLOCK.matcher(section)
			.results()
			.map((match) -> new Block(match.group(1), match.group(2)))
			.toList();
	}

	private String read(String relativePath) throws IOException {
		return Files.readString(this.root.resolve(relativePath));
	}

	private static String xpath(String xml, String expression) throws Exception {
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new InputSource(new StringReader(xml)));
		return XPathFactory.newInstance().newXPath().evaluate(expression, document);
	}

	private record Block(String source, String text) {
	}

}
