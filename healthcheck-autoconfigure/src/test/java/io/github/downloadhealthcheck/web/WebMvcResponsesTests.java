package io.github.downloadhealthcheck.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.github.downloadhealthcheck.sendfile.SendfileResponder;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;
import io.github.downloadhealthcheck.sendfile.SendfileSettings;
import io.github.downloadhealthcheck.storage.DummyFile;
import io.github.downloadhealthcheck.storage.FileSystemStorage;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link WebMvcResponses}: the healthcheck view on Spring MVC's functional
 * endpoints, through Spring MVC's own request handling.
 */
class WebMvcResponsesTests {

	private static final DummyFile DUMMY = DummyFile.generate(".download-healthcheck/dummy.bin", 1024);

	@TempDir
	Path storage;

	private MockMvc mvc;

	@BeforeEach
	void storage() throws IOException {
		Files.createDirectories(this.storage.resolve(".download-healthcheck"));
		Files.write(this.storage.resolve(DUMMY.relativePath()), DUMMY.content());
		SendfileResponder responder = new SendfileResponder(SendfileSettings
			.of(List.of(new SendfileRule(this.storage, "/internal-storage", SendfileServer.NGINX))));
		this.mvc = MockMvcBuilders.routerFunctions(WebMvcResponses.route("/healthcheck-utils/download/",
				new DownloadHealthView(responder, new FileSystemStorage(this.storage), DUMMY)))
			.build();
	}

	@Test
	void viewHandsTheDummyFileOffUncacheableWithAnEmptyBody() throws Exception {
		this.mvc.perform(get("/healthcheck-utils/download/"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Accel-Redirect", "/internal-storage/.download-healthcheck/dummy.bin"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(content().bytes(new byte[0]));
	}

	@Test
	void viewAnswersHeadAndOptionsLikeAnAnnotatedGetMapping() throws Exception {
		this.mvc.perform(head("/healthcheck-utils/download/"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Accel-Redirect", "/internal-storage/.download-healthcheck/dummy.bin"));
		this.mvc.perform(options("/healthcheck-utils/download/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Allow", "GET,HEAD,OPTIONS"));
	}

}
