package io.github.downloadhealthcheck.sample.soak;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The soak's command line: {@code sample-app/benchmark/soak.sh} builds the sample
 * application and runs this with the test class path. Prints the report, writes it to
 * {@code <out>/<storage>-results.md}, and exits with 1 when a goal was missed, 2 on bad
 * options.
 */
public final class Soak {

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		SoakOptions options;
		try {
			options = SoakOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		// Idle probe connections end soon, so the application's connection count at the
		// end is its own, not what this client keeps pooled.
		System.setProperty("jdk.httpclient.keepalive.timeout", "2");
		SoakReport report = SoakReport.of(SoakRun.run(options, System.err));
		Path results = options.out().resolve(options.storage().id() + "-results.md");
		Files.writeString(results, report.markdown());
		System.out.print(report.markdown());
		System.err.println("Report written to " + results);
		System.exit(report.missedGoals().isEmpty() ? 0 : 1);
	}

}
