package io.github.downloadhealthcheck.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidDownloadPropertyException} in Spring Boot's start-up failure
 * report.
 */
public final class InvalidDownloadPropertyFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidDownloadPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDownloadPropertyException cause) {
		String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "':"
				+ System.lineSeparator() + System.lineSeparator() + "    " + cause.getProblem();
		return new FailureAnalysis(description, cause.getFix(), cause);
	}

}
