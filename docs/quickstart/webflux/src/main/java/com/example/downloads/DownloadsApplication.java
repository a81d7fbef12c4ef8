package com.example.downloads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves {@code GET /files/{name}} (annotated controller) and {@code GET
 * /downloads/{name}} (functional endpoint) from the storage folder through nginx.
 */
@SpringBootApplication
public class DownloadsApplication {

	/**
	 * Starts the application.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(DownloadsApplication.class, args);
	}

}
