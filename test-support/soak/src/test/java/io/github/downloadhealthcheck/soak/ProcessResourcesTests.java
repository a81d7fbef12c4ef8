package io.github.downloadhealthcheck.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessResourcesTests {

	@Test
	void countsOnlyEstablishedConnectionsOfTheProcessSplitByTheListeningPort() {
		// /proc/net/tcp: local and remote address:port in hex, st, ..., inode (10th
		// field)
		List<String> lines = List.of(
				"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
				"   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 1001 1",
				"   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  0 0 1002 1",
				"   2: 0100007F:C351 0100007F:0050 01 00000000:00000000 00:00000000 00000000  0 0 1003 1",
				"   3: 0100007F:C352 0100007F:0050 06 00000000:00000000 00:00000000 00000000  0 0 1004 1",
				"   4: 0100007F:C353 0100007F:0050 01 00000000:00000000 00:00000000 00000000  0 0 9999 1");
		int[] counts = new int[2];
		ProcessResources.count(lines, Set.of("1001", "1002", "1003", "1004"), 8080, counts);
		// 1001 listens, 1004 is in TIME_WAIT, 9999 belongs to another process
		assertThat(counts).containsExactly(1, 1);
	}

	@Test
	void readsThisProcess() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			ProcessResources resources = ProcessResources.of(ProcessHandle.current().pid(), server.getLocalPort());
			// the JVM's own threads (GC, compilers) come on top of the Java ones
			assertThat(resources.threads()).isGreaterThanOrEqualTo(Thread.getAllStackTraces().size());
			assertThat(resources.fileDescriptors()).isGreaterThanOrEqualTo(3);
			// both ends are this process's: the accepted one on the port, the client's
			// not
			assertThat(resources.inbound()).isGreaterThanOrEqualTo(1);
			assertThat(resources.outbound()).isGreaterThanOrEqualTo(1);
		}
	}

}
