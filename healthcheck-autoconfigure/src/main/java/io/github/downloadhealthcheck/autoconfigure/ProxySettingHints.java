package io.github.downloadhealthcheck.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.github.downloadhealthcheck.check.DiagnosisContext;
import io.github.downloadhealthcheck.sendfile.ProxyHints;
import io.github.downloadhealthcheck.sendfile.SendfileDecision;
import io.github.downloadhealthcheck.sendfile.SendfileRule;
import io.github.downloadhealthcheck.sendfile.SendfileServer;

/**
 * Picks the proxy whose words the checks speak: the one the dummy file is handed off to, so a
 * mixed setup is diagnosed in terms of the rule the healthcheck view really uses.
 */
final class ProxySettingHints {

	private ProxySettingHints() {
	}

	static @Nullable ProxyHints forDummy(SendfileDecision decision) {
		return (decision instanceof SendfileDecision.HandOff handOff) ? hintsOf(handOff.rule()) : null;
	}

	private static ProxyHints hintsOf(SendfileRule rule) {
		return rule.server().hints(rule.destination(), rule.source().toString());
	}

	static DiagnosisContext diagnosisContext(SendfileDecision decision, String storage, SendfileServer defaultServer) {
		if (decision instanceof SendfileDecision.HandOff handOff) {
			return new DiagnosisContext(storage, handOff.rule().destination(), hintsOf(handOff.rule()));
		}
		return new DiagnosisContext(storage, "the rule's destination",
				defaultServer.hints("the rule's destination", "<storage root>"));
	}

}
