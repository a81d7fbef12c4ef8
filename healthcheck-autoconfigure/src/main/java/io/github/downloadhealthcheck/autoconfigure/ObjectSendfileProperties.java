package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How downloads from object storage are handed off to the proxy.
 */
@ConfigurationProperties("download.sendfile.object-storage")
public class ObjectSendfileProperties {

	/**
	 * URI prefix of the proxy's internal location that proxies to the object store (nginx:
	 * location <destination>/ { internal; proxy_pass <store endpoint>/; }).
	 */
	private String destination = "/internal-object-storage";

	public String getDestination() {
		return this.destination;
	}

	public void setDestination(String destination) {
		this.destination = destination;
	}

}
