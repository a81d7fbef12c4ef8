package com.example.downloads;

import io.github.downloadhealthcheck.harness.net.HeadRequests;
import io.github.downloadhealthcheck.harness.quickstart.QuickstartBehindNginx;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spring MVC Quick start application behind a real nginx.
 */
class QuickstartNginxTests extends QuickstartBehindNginx {

	private static final List<String> PATHS = List.of("/files/annual%20report%202026.pdf");

	@Test
	void headIsAnsweredOnEveryRoute() throws Exception {
		// @GetMapping answers HEAD too: no route of its own needed.
		for (String path : PATHS) {
			HeadRequests.assertHandedOff(app(path), "/internal-storage/annual%20report%202026.pdf");
		}
	}

}
