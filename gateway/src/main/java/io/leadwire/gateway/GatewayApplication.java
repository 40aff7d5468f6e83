package io.leadwire.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		// One event loop per core (Reactor Netty's default is at least four): the gateway
		// never blocks a loop, so loops beyond the cores only add context switches.
		if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
			System.setProperty("reactor.netty.ioWorkerCount",
					Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
		SpringApplication.run(GatewayApplication.class, args);
	}

}
