package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the footprint benchmark from rotting without running it (it builds and starts
 * applications for minutes): the script parses and answers {@code --help}, the two
 * applications it generates have well-formed poms that differ only in the starter, and
 * its helpers read the real formats of {@code jcmd Thread.print} and
 * {@code mvn dependency:list}.
 */
class FootprintScriptTests {

	private static final Path SCRIPT = Path.of("bin/footprint.sh");

	private static final Path JAR_DIFF = Path.of("bin/footprint/jar_diff.py");

	private static final Path THREAD_DIFF = Path.of("bin/footprint/thread_diff.py");

	private static final String JCMD_INSTALL = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless";

	@TempDir
	Path temp;

	@Test
	void scriptParses() throws Exception {
		assertThat(run("bash", "-n", SCRIPT.toString()).exitValue()).isZero();
	}

	@Test
	void helpNamesTheOptionsAndExitsZero() throws Exception {
		Run help = run("bash", SCRIPT.toString(), "--help");
		assertThat(help.exitValue()).as(help.output()).isZero();
		assertThat(help.output()).contains("--rounds N", "--jars-only", "--generate-only DIR");
	}

	@Test
	void unknownOptionIsRefused() throws Exception {
		Run refused = run("bash", SCRIPT.toString(), "--round", "3");
		assertThat(refused.exitValue()).isEqualTo(2);
		assertThat(refused.output()).contains("Unknown option: --round", "Usage:");
	}

	@Test
	void generatedApplicationsDifferOnlyInTheStarter() throws Exception {
		Path dir = this.temp.resolve("apps");
		Run generated = run("bash", SCRIPT.toString(), "--generate-only", dir.toString());
		assertThat(generated.exitValue()).as(generated.output()).isZero();
		String bootVersion = text(parse(Path.of("../../pom.xml")), "/project/properties/spring-boot.version");
		String projectVersion = text(parse(Path.of("../../pom.xml")), "/project/version");

		Document without = parse(dir.resolve("without/pom.xml"));
		Document with = parse(dir.resolve("with/pom.xml"));
		for (Document pom : List.of(without, with)) {
			assertThat(text(pom, "/project/parent/artifactId")).isEqualTo("spring-boot-starter-parent");
			assertThat(text(pom, "/project/parent/version")).isEqualTo(bootVersion);
			assertThat(text(pom, "/project/build/plugins/plugin/artifactId")).isEqualTo("spring-boot-maven-plugin");
		}
		assertThat(dependencies(without)).containsExactly("org.springframework.boot:spring-boot-starter-webmvc:",
				"org.springframework.boot:spring-boot-starter-actuator:");
		assertThat(dependencies(with)).containsExactly("org.springframework.boot:spring-boot-starter-webmvc:",
				"org.springframework.boot:spring-boot-starter-actuator:",
				"io.github.downloadhealthcheck:download-healthcheck-spring-boot-starter:" + projectVersion);
		assertThat(text(without, "/project/artifactId")).isNotEqualTo(text(with, "/project/artifactId"));
		assertThat(dir.resolve("without/src/main/java/footprint/FootprintApplication.java"))
			.hasSameTextualContentAs(dir.resolve("with/src/main/java/footprint/FootprintApplication.java"));

		assertThat(dir.resolve("without/src/main/resources/application.properties")).isEmptyFile();
		Properties properties = new Properties();
		try (var in = Files.newInputStream(dir.resolve("with/src/main/resources/application.properties"))) {
			properties.load(in);
		}
		assertThat(properties).containsEntry("download.sendfile.rules[0].source", dir.resolve("storage").toString())
			.containsEntry("download.sendfile.rules[0].destination", "/internal-storage")
			.containsEntry("management.endpoint.health.group.readiness.include", "readinessState,download")
			.doesNotContainKeys("download.healthcheck.proxy.url", "download.healthcheck.end-to-end.url");
		assertThat(dir.resolve("storage")).isDirectory();
	}

	@Test
	void threadDiffNamesAThreadStartedBetweenTwoRealThreadDumps() throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		assertThat(jcmd).as("jcmd is missing; install it with: " + JCMD_INSTALL).isExecutable();
		String pid = Long.toString(ProcessHandle.current().pid());
		Path before = this.temp.resolve("before.txt");
		Path after = this.temp.resolve("after.txt");
		assertThat(run(before, jcmd.toString(), pid, "Thread.print").exitValue()).isZero();
		CountDownLatch release = new CountDownLatch(1);
		Thread extra = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "footprint-http-nio-127.0.0.1-4242-exec-1");
		extra.start();
		try {
			assertThat(run(after, jcmd.toString(), pid, "Thread.print").exitValue()).isZero();
		}
		finally {
			release.countDown();
			extra.join(5000);
		}
		Path summary = this.temp.resolve("threads.sh");
		Run diff = run("python3", THREAD_DIFF.toString(), before.toString(), "4241", after.toString(), "4242",
				summary.toString());
		assertThat(diff.exitValue()).as(diff.output()).isZero();
		// The port is normalised; JIT compiler threads, which come and go, are never
		// counted.
		assertThat(diff.output()).contains("+ footprint-http-nio-127.0.0.1-PORT-exec-1")
			.doesNotContain("CompilerThread");
		assertThat(Files.readString(summary)).contains("threads_added_names=").containsPattern("threads_with=\\d+");
	}

	@Test
	void jarDiffSumsTheAddedJarsAndFindsNettyByItsGroup() throws Exception {
		Path without = bootJar("without.jar", Map.of("spring-core-7.0.10.jar", 1000));
		Path with = bootJar("with.jar", Map.of("spring-core-7.0.10.jar", 1000, "netty-common-4.2.18.Final.jar", 3000,
				"netty-codec-native-quic-4.2.18.Final-linux-x86_64.jar", 5000, "reactor-core-3.8.8.jar", 700));
		Path withoutDependencies = listing("without-deps.txt", List
			.of("org.springframework:spring-core:jar:7.0.10:compile:/repo/spring-core-7.0.10.jar -- module spring.core"));
		Path withDependencies = listing("with-deps.txt", List.of(
				"org.springframework:spring-core:jar:7.0.10:compile:/repo/spring-core-7.0.10.jar -- module spring.core",
				"io.netty:netty-common:jar:4.2.18.Final:compile:/repo/netty-common-4.2.18.Final.jar -- module io.netty.common",
				"io.netty:netty-codec-native-quic:jar:linux-x86_64:4.2.18.Final:runtime:/repo/netty-codec-native-quic-4.2.18.Final-linux-x86_64.jar",
				"io.projectreactor:reactor-core:jar:3.8.8:compile:/repo/reactor-core-3.8.8.jar -- module reactor.core"));
		Path summary = this.temp.resolve("jars.sh");
		Path table = this.temp.resolve("jars.md");
		Run diff = run("python3", JAR_DIFF.toString(), without.toString(), withoutDependencies.toString(),
				with.toString(), withDependencies.toString(), summary.toString(), table.toString());
		assertThat(diff.exitValue()).as(diff.output()).isZero();
		assertThat(Files.readString(summary)).contains("jars_added_bytes=8700", "jars_added_count=3",
				"jars_netty_count=2", "jars_netty_bytes=8000");
		assertThat(Files.readAllLines(table)).contains(
				"| + | 0.00 | io.netty:netty-codec-native-quic:4.2.18.Final:linux-x86_64 |",
				"| + | 0.00 | io.projectreactor:reactor-core:3.8.8 |");
	}

	private Path bootJar(String name, Map<String, Integer> libs) throws IOException {
		Path jar = this.temp.resolve(name);
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new ZipEntry("BOOT-INF/classes/footprint/FootprintApplication.class"));
			out.write(new byte[10]);
			for (Map.Entry<String, Integer> lib : libs.entrySet()) {
				out.putNextEntry(new ZipEntry("BOOT-INF/lib/" + lib.getKey()));
				out.write(new byte[lib.getValue()]);
			}
		}
		return jar;
	}

	private Path listing(String name, List<String> dependencies) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("The following files have been resolved:");
		dependencies.forEach((dependency) -> lines.add("   " + dependency));
		return Files.write(this.temp.resolve(name), lines);
	}

	private static Document parse(Path pom) throws Exception {
		// Not namespace-aware: the XPath expressions below stay short.
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}

	private static String text(Document document, String path) throws Exception {
		return XPathFactory.newInstance().newXPath().evaluate(path, document).strip();
	}

	/** group:artifact:version of each dependency, in order. */
	private static List<String> dependencies(Document pom) throws Exception {
		XPath xpath = XPathFactory.newInstance().newXPath();
		NodeList nodes = (NodeList) xpath.evaluate("/project/dependencies/dependency", pom, XPathConstants.NODESET);
		List<String> coordinates = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			coordinates.add(xpath.evaluate("groupId", nodes.item(i)).strip() + ":"
					+ xpath.evaluate("artifactId", nodes.item(i)).strip() + ":"
					+ xpath.evaluate("version", nodes.item(i)).strip());
		}
		return coordinates;
	}

	private static Run run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		return new Run(process.exitValue(), output);
	}

	/** Runs the command with its standard output written to the file. */
	private static Run run(Path output, String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		return new Run(process.exitValue(), Files.readString(output));
	}

	private record Run(int exitValue, String output) {
	}

}
