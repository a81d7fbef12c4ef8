package io.github.downloadhealthcheck.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SoakOptionsTests {

	@TempDir
	Path temp;

	@Test
	void defaultsAreTwentyMinutesOnAFolderWithTheSamplesTiming() throws Exception {
		SoakOptions options = SoakOptions.parse("--jar", jar().toString());
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(20));
		assertThat(options.storage()).isEqualTo(Fault.Storage.FOLDER);
		assertThat(options.interval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.smoke()).isFalse();
		assertThat(options.detectionBound()).isEqualTo(Duration.ofSeconds(7));
		assertThat(options.recoveryBound()).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void laterOptionsOverrideEarlierOnes() throws Exception {
		// soak.sh puts the smoke's settings first, so that the user's win
		SoakOptions options = SoakOptions.parse("--duration", "2m", "--interval", "2s", "--jar", jar().toString(),
				"--duration", "30s", "--storage", "s3", "--seed", "42", "--smoke");
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.interval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.storage()).isEqualTo(Fault.Storage.S3);
		assertThat(options.seed()).isEqualTo(42);
		assertThat(options.smoke()).isTrue();
	}

	@Test
	void badValuesNameTheOptionAndWhatItTakes() throws Exception {
		String jar = jar().toString();
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--duration", "soon"))
			.withMessageContaining("--duration takes a duration such as 30s, 2m or 1h, got 'soon'");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--storage", "nfs"))
			.withMessageContaining("--storage takes folder or s3, got 'nfs'");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--seed", "x"))
			.withMessageContaining("--seed takes a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--seed"))
			.withMessageContaining("--seed needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--fast"))
			.withMessageContaining("unknown option --fast")
			.withMessageContaining("Usage: soak.sh");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SoakOptions.parse("--jar", jar, "--interval", "1s", "--timeout", "2s"))
			.withMessageContaining("--timeout (PT2S) must not be longer than --interval (PT1S)");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--jar", jar, "--duration", "0s"))
			.withMessageContaining("--duration must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--duration", "1m"))
			.withMessageContaining("--jar must name the sample application's jar");
	}

	private Path jar() throws Exception {
		return Files.write(this.temp.resolve("app.jar"), new byte[] { 'P', 'K' });
	}

}
