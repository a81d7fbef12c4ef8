package io.github.downloadhealthcheck.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the soak's script from rotting between runs (./test.sh runs its smoke): it
 * parses, and its help names every option {@link SoakOptions} takes.
 */
class SoakScriptTests {

	private static final Path SCRIPT = Path.of("bin/soak.sh");

	@Test
	void scriptParses() throws Exception {
		assertThat(run("bash", "-n", SCRIPT.toString()).exitCode()).isZero();
	}

	@Test
	void helpNamesEveryOptionAndExitsZero() throws Exception {
		Run help = run("bash", SCRIPT.toString(), "--help");
		assertThat(help.exitCode()).as(help.output()).isZero();
		assertThat(help.output()).contains("--duration 20m", "--storage folder|s3", "--seed N", "--interval 5s",
				"--timeout 2s", "--smoke");
		for (String option : SoakOptions.USAGE.lines()
			.map(String::trim)
			.filter((line) -> line.startsWith("--"))
			.map((line) -> line.split("\\s+")[0])
			.toList()) {
			assertThat(help.output()).contains(option);
		}
	}

	private static Run run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(process.waitFor(), output);
	}

	private record Run(int exitCode, String output) {
	}

}
