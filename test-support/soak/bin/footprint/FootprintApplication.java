package footprint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application footprint.sh builds twice, with and without the starter: nothing but Spring
 * Boot's auto-configuration, so that every difference between the two is the starter's.
 */
@SpringBootApplication
public class FootprintApplication {

	public static void main(String[] args) {
		SpringApplication.run(FootprintApplication.class, args);
	}

}
