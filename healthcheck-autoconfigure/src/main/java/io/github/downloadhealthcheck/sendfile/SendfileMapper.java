package io.github.downloadhealthcheck.sendfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Decides, from the configured rules, whether a file is handed off to the proxy, streamed
 * by the application, or refused. First matching rule wins, as in django-downloadview.
 */
public final class SendfileMapper {

	private final boolean enabled;

	private final List<SendfileRule> rules;

	/**
	 * Creates a mapper.
	 * @param enabled whether hand-offs are enabled at all
	 * @param rules the rules, in order of precedence
	 */
	public SendfileMapper(boolean enabled, List<SendfileRule> rules) {
		this.enabled = enabled;
		this.rules = List.copyOf(rules);
	}

	/**
	 * Decides for an untrusted path below a folder.
	 * @param folder the folder the path must stay in
	 * @param untrustedPath the path, e.g. from a request
	 * @return the decision
	 */
	public SendfileDecision decide(Path folder, String untrustedPath) {
		RelativePath relative;
		try {
			relative = RelativePath.parse(untrustedPath);
		}
		catch (UnsafePathException ex) {
			return SendfileDecision.Refused.unsafe(ex, untrustedPath);
		}
		return decide(folder, relative);
	}

	/**
	 * Decides for a validated path below a folder.
	 * @param folder the folder the path must stay in
	 * @param relative the path below it
	 * @return the decision
	 */
	public SendfileDecision decide(Path folder, RelativePath relative) {
		Path base = folder.toAbsolutePath().normalize();
		Path file;
		try {
			file = relative.resolveIn(base);
		}
		catch (InvalidPathException ex) {
			// Not a 500: no file of that name can exist for this JVM; the log says why.
			return new SendfileDecision.Refused(
					FileNameEncoding.cannotEncode(PathSafety.forLog(relative.toString()), ex) + ": "
							+ FileNameEncoding.FIX);
		}
		if (!file.startsWith(base) || escapesThroughLink(base, file)) {
			return new SendfileDecision.Refused(
					"'" + PathSafety.forLog(relative.toString()) + "' leads out of " + base);
		}
		if (!this.enabled) {
			return new SendfileDecision.Stream(file.toString(), SendfileDecision.Stream.Why.DISABLED,
					"sendfile is disabled (download.sendfile.enabled=false)");
		}
		for (SendfileRule rule : this.rules) {
			if (file.startsWith(rule.source()) && !file.equals(rule.source())) {
				if (escapesThroughLink(rule.source(), file)) {
					return new SendfileDecision.Refused(
							"'" + PathSafety.forLog(relative.toString()) + "' leads out of " + rule.source());
				}
				RelativePath underRule = new RelativePath(
						StreamSupport.stream(rule.source().relativize(file).spliterator(), false)
							.map(Path::toString)
							.toList());
				SendfileServer server = rule.server();
				Optional<String> cannot = server.cannotHandOff(underRule);
				if (cannot.isPresent()) {
					return new SendfileDecision.Stream(file.toString(), SendfileDecision.Stream.Why.PROXY_CANNOT,
							cannot.get());
				}
				return new SendfileDecision.HandOff(file.toString(), server, rule.destination(),
						rule.source().toString(), server.headerValue(rule.destination(), underRule), false);
			}
		}
		return new SendfileDecision.Stream(file.toString(), SendfileDecision.Stream.Why.NO_RULE, noRuleReason(file));
	}

	private String noRuleReason(Path file) {
		if (this.rules.isEmpty()) {
			return "no sendfile rule is configured (download.sendfile.rules)";
		}
		return "no sendfile rule covers " + file + "; sources tried: "
				+ this.rules.stream().map((rule) -> rule.source().toString()).collect(Collectors.joining(", "));
	}

	/**
	 * A symbolic link below the folder may point anywhere, and the proxy would follow it.
	 * The file itself may not exist (a hand-off leaves that to the proxy), so the nearest
	 * existing ancestor is what is compared: a linked folder on the way is caught too.
	 */
	private static boolean escapesThroughLink(Path folder, Path file) {
		if (!Files.exists(folder)) {
			return false;
		}
		Path existing = file;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return false;
		}
		try {
			return !existing.toRealPath().startsWith(folder.toRealPath());
		}
		catch (IOException ex) {
			// A dangling link or an unreadable folder: never hand off what cannot be
			// vouched for.
			return true;
		}
	}

}
