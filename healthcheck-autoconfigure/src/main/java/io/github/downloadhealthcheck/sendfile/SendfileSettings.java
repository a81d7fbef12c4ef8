package io.github.downloadhealthcheck.sendfile;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code download.sendfile.*} configuration, validated and resolved.
 *
 * @param enabled whether downloads under a rule are handed off at all
 * @param server the proxy objects, and rules without their own, hand off to
 * @param rules the rules, in order of precedence
 * @param nginx nginx's optional {@code X-Accel-*} headers
 * @param objectDestination URI prefix of the proxy's internal location for objects
 * @param objectRedirect how objects are redirected to, {@code null} when they are handed
 * off with the proxy's header ({@code download.sendfile.object-storage.mode=header})
 */
public record SendfileSettings(boolean enabled, SendfileServer server, List<SendfileRule> rules, NginxOptions nginx,
		String objectDestination, @Nullable RedirectSettings objectRedirect) {

	/** Default URI prefix of the proxy's internal location for objects. */
	public static final String DEFAULT_OBJECT_DESTINATION = "/internal-object-storage";

	/**
	 * Creates settings; the rules are copied.
	 */
	public SendfileSettings {
		rules = List.copyOf(rules);
	}

	/**
	 * Creates settings that hand objects off with the proxy's header.
	 * @param enabled whether downloads under a rule are handed off at all
	 * @param server the proxy objects, and rules without their own, hand off to
	 * @param rules the rules, in order of precedence
	 * @param nginx nginx's optional {@code X-Accel-*} headers
	 * @param objectDestination URI prefix of the proxy's internal location for objects
	 */
	public SendfileSettings(boolean enabled, SendfileServer server, List<SendfileRule> rules, NginxOptions nginx,
			String objectDestination) {
		this(enabled, server, rules, nginx, objectDestination, null);
	}

	/**
	 * How objects reach the client.
	 * @return the mode
	 */
	public ObjectHandOffMode objectMode() {
		return (this.objectRedirect != null) ? ObjectHandOffMode.REDIRECT : ObjectHandOffMode.HEADER;
	}

	/**
	 * Settings with hand-offs enabled, to nginx, with no extra header.
	 * @param rules the rules, in order of precedence
	 * @return the settings
	 */
	public static SendfileSettings of(List<SendfileRule> rules) {
		return new SendfileSettings(true, SendfileServer.NGINX, rules, NginxOptions.none(), DEFAULT_OBJECT_DESTINATION);
	}

	/**
	 * The proxies the rules hand off to, in the order of the rules; the default proxy
	 * when there is no rule.
	 * @return the proxies, each once
	 */
	public List<SendfileServer> servers() {
		List<SendfileServer> servers = this.rules.stream().map(SendfileRule::server).distinct().toList();
		return servers.isEmpty() ? List.of(this.server) : servers;
	}

}
