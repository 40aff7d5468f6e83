package io.leadwire.apikey;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ApikeyServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApikeyServiceApplication.class, args);
	}

}
