package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a process on this Linux machine holds, read from {@code /proc}: live threads, open
 * file descriptors and established TCP connections, split into those it accepted on its
 * listening port and those it opened.
 *
 * @param threads live threads
 * @param requestThreads those of them in Tomcat's request pool ({@code http-nio-*}),
 * which grows under load and shrinks after a minute idle
 * @param starterThreads those of them the starter names ({@code download-healthcheck*})
 * @param fileDescriptors open file descriptors, sockets included
 * @param inbound established connections to {@code listeningPort}
 * @param outbound established connections the process opened
 */
record ProcessResources(int threads, int requestThreads, int starterThreads, int fileDescriptors, int inbound,
		int outbound) {

	private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

	private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)$");

	/** {@code st} of an established connection in {@code /proc/net/tcp}. */
	private static final String ESTABLISHED = "01";

	/**
	 * Reads what process {@code pid} holds now.
	 * @param pid the process
	 * @param listeningPort its server port, which tells accepted connections from opened
	 * ones
	 * @return the counts
	 */
	static ProcessResources of(long pid, int listeningPort) {
		Path proc = Path.of("/proc", Long.toString(pid));
		try {
			Matcher threads = THREADS.matcher(Files.readString(proc.resolve("status")));
			if (!threads.find()) {
				throw new IllegalStateException("no Threads: line in " + proc.resolve("status"));
			}
			Set<String> sockets = new HashSet<>();
			int descriptors = 0;
			try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
				for (Path fd : fds.toList()) {
					descriptors++;
					try {
						Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
						if (socket.matches()) {
							sockets.add(socket.group(1));
						}
					}
					catch (IOException ex) {
						// closed while listing
					}
				}
			}
			int requestThreads = 0;
			int starterThreads = 0;
			try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
				for (Path task : tasks.toList()) {
					// The kernel keeps the first 15 characters of the JVM's thread name.
					String name = readQuietly(task.resolve("comm"));
					requestThreads += name.startsWith("http-nio-") ? 1 : 0;
					starterThreads += name.startsWith("download-health") ? 1 : 0;
				}
			}
			int[] counts = new int[2];
			for (String table : List.of("tcp", "tcp6")) {
				Path file = proc.resolve("net").resolve(table);
				if (Files.exists(file)) {
					count(Files.readAllLines(file), sockets, listeningPort, counts);
				}
			}
			return new ProcessResources(Integer.parseInt(threads.group(1)), requestThreads, starterThreads, descriptors,
					counts[0], counts[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + proc + " (is process " + pid + " alive?)", ex);
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			// the thread ended while listing
			return "";
		}
	}

	/**
	 * Counts the established connections of {@code /proc/net/tcp}-style lines whose inode
	 * is one of {@code sockets}: {@code counts[0]} those on the listening port,
	 * {@code counts[1]} the others.
	 */
	static void count(List<String> lines, Set<String> sockets, int listeningPort, int[] counts) {
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 10 || !fields[3].equals(ESTABLISHED) || !sockets.contains(fields[9])) {
				continue;
			}
			int localPort = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
			counts[(localPort == listeningPort) ? 0 : 1]++;
		}
	}

}
