package io.github.downloadhealthcheck.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak's command line: {@code test-support/soak/bin/soak.sh} builds the sample
 * application and runs this with the test class path. Prints the report, writes it to
 * {@code <out>/<storage>-results.md} with every fault and read beside it
 * ({@code -episodes.csv}, {@code -reads.csv}), and exits with 1 when a goal was missed, 2
 * on bad options.
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
		SoakResult result = SoakRun.run(options, System.err);
		SoakReport report = SoakReport.of(result);
		String prefix = options.storage().id() + "-";
		Path results = options.out().resolve(prefix + "results.md");
		Files.writeString(results, report.markdown());
		Files.write(options.out().resolve(prefix + "episodes.csv"), episodes(result));
		Files.write(options.out().resolve(prefix + "reads.csv"), reads(result));
		System.out.print(report.markdown());
		System.err.println("Report written to " + results);
		System.exit(report.missedGoals().isEmpty() ? 0 : 1);
	}

	/** Every fault injected, one line each, for looking closer at a run. */
	private static List<String> episodes(SoakResult result) {
		List<String> lines = new ArrayList<>();
		lines.add("fault,inject_from_ms,injected_at_ms,repair_from_ms,repaired_at_ms");
		result.episodes()
			.forEach((episode) -> lines.add(String.join(",", episode.fault().id(),
					Long.toString(episode.injectFromMillis()), Long.toString(episode.injectedAtMillis()),
					Long.toString(episode.repairFromMillis()), Long.toString(episode.repairedAtMillis()))));
		return lines;
	}

	/** Every read of both endpoints, one line per layer result read. */
	private static List<String> reads(SoakResult result) {
		List<String> lines = new ArrayList<>();
		lines.add("endpoint,sent_at_ms,latency_ms,http_status,layer,up,check_started_ms,checked_at_ms,cause");
		for (HealthRead read : result.readinessReads()) {
			lines.add(String.join(",", "readiness", Long.toString(read.sentAtMillis()),
					Long.toString(read.latencyMillis()), Integer.toString(read.httpStatus()), "", "", "", "", ""));
		}
		for (HealthRead read : result.downloadReads()) {
			String prefix = String.join(",", "download", Long.toString(read.sentAtMillis()),
					Long.toString(read.latencyMillis()), Integer.toString(read.httpStatus()));
			for (LayerResult layer : read.layers().values()) {
				lines.add(String.join(",", prefix, layer.layer().id(), Boolean.toString(layer.up()),
						Long.toString(layer.startedAtMillis()), Long.toString(layer.checkedAtMillis()),
						(layer.cause() != null) ? layer.cause() : ""));
			}
		}
		return lines;
	}

}
