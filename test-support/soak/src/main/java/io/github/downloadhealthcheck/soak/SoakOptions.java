package io.github.downloadhealthcheck.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

/**
 * How a soak runs, from its command line.
 *
 * @param duration how long faults are injected
 * @param storage where the application keeps its files
 * @param seed seeds the schedule of faults, pauses and storms: the same seed gives the
 * same schedule
 * @param interval {@code download.healthcheck.interval} of the application
 * @param timeout {@code download.healthcheck.timeout} of the application
 * @param jar the sample application's executable jar
 * @param out where the report is written
 * @param smoke a short run in the test suite: the time goals are reported but not
 * enforced, since a loaded CI machine stretches them
 */
record SoakOptions(Duration duration, Fault.Storage storage, long seed, Duration interval, Duration timeout, Path jar,
		Path out, boolean smoke) {

	static final String USAGE = """
			Usage: soak.sh [--duration 20m] [--storage folder|s3] [--seed N] [--interval 5s] [--timeout 2s]
			               [--smoke]
			  --duration  how long faults are injected (default 20m; 30s, 2m, 1h...)
			  --storage   folder (default) or s3 (S3Proxy)
			  --seed      seeds the schedule of faults, pauses and storms (default 1)
			  --interval  download.healthcheck.interval of the application (default 5s)
			  --timeout   download.healthcheck.timeout of the application (default 2s)
			  --smoke     the test suite's short run: time goals reported, not enforced
			""";

	SoakOptions {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("--duration must be positive, got " + duration);
		}
		if (timeout.compareTo(interval) > 0) {
			throw new IllegalArgumentException("--timeout (" + timeout + ") must not be longer than --interval ("
					+ interval + "): a refresh would still run when the next one is due");
		}
	}

	/**
	 * Parses the command line.
	 * @param args the arguments; {@code --jar} and {@code --out} are given by soak.sh
	 * @return the options
	 * @throws IllegalArgumentException naming the option and what it accepts
	 */
	static SoakOptions parse(String... args) {
		Duration duration = Duration.ofMinutes(20);
		Fault.Storage storage = Fault.Storage.FOLDER;
		long seed = 1;
		Duration interval = Duration.ofSeconds(5);
		Duration timeout = Duration.ofSeconds(2);
		Path jar = null;
		Path out = Path.of("target", "soak");
		boolean smoke = false;
		Iterator<String> remaining = Arrays.asList(args).iterator();
		while (remaining.hasNext()) {
			String option = remaining.next();
			switch (option) {
				case "--duration" -> duration = duration(option, value(option, remaining));
				case "--interval" -> interval = duration(option, value(option, remaining));
				case "--timeout" -> timeout = duration(option, value(option, remaining));
				case "--storage" -> storage = storage(value(option, remaining));
				case "--seed" -> seed = seed(value(option, remaining));
				case "--jar" -> jar = Path.of(value(option, remaining));
				case "--out" -> out = Path.of(value(option, remaining));
				case "--smoke" -> smoke = true;
				default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
			}
		}
		if (jar == null || !Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("--jar must name the sample application's jar (soak.sh builds it and "
					+ "passes it): " + ((jar != null) ? jar + " is no file" : "none given"));
		}
		return new SoakOptions(duration, storage, seed, interval, timeout, jar, out, smoke);
	}

	private static String value(String option, Iterator<String> remaining) {
		if (!remaining.hasNext()) {
			throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
		}
		return remaining.next();
	}

	private static Duration duration(String option, String value) {
		try {
			return DurationStyle.SIMPLE.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(option + " takes a duration such as 30s, 2m or 1h, got '" + value + "'",
					ex);
		}
	}

	private static Fault.Storage storage(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "folder", "file" -> Fault.Storage.FOLDER;
			case "s3" -> Fault.Storage.S3;
			default -> throw new IllegalArgumentException("--storage takes folder or s3, got '" + value + "'");
		};
	}

	private static long seed(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--seed takes a whole number, got '" + value + "'", ex);
		}
	}

	/** From a fault in effect to its layers DOWN: the next refresh, plus the timeout. */
	Duration detectionBound() {
		return this.interval.plus(this.timeout);
	}

	/**
	 * From a repair in effect to UP: the next refresh, plus one second for that refresh
	 * itself (a healthy one takes milliseconds).
	 */
	Duration recoveryBound() {
		return this.interval.plus(Duration.ofSeconds(1));
	}

}
