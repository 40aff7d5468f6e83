package io.leadwire.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console (docs/console.md): server-rendered screens over the public API, signed
 * in with Keycloak, reached through the gateway at {@code /app}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsoleApplication.class, args);
	}

}
