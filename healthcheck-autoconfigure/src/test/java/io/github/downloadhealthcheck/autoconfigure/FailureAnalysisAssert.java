package io.github.downloadhealthcheck.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

import io.github.downloadhealthcheck.config.InvalidDownloadPropertyException;
import io.github.downloadhealthcheck.config.InvalidDownloadPropertyFailureAnalyzer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one assertion that a context failed to start with the failure analysis of an
 * {@link InvalidDownloadPropertyException}, naming the property, the problem and the fix.
 */
final class FailureAnalysisAssert {

	private FailureAnalysisAssert() {
	}

	static FailureAnalysis assertFailed(ApplicationContextAssertProvider<?> context, String property, String problem,
			String fix) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		FailureAnalysis analysis = new InvalidDownloadPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
		assertThat(analysis.getAction()).contains(fix);
		return analysis;
	}

}
