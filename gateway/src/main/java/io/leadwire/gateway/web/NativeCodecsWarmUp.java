package io.leadwire.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads Netty's native compression codecs at start-up. Their classes extract a native
 * library to a temporary file when first used — which would otherwise happen on an event
 * loop, with the first compressed answer from a service (found by BlockHound).
 */
@Component
class NativeCodecsWarmUp {

	private static final Logger log = LoggerFactory.getLogger(NativeCodecsWarmUp.class);

	private static final String[] CODECS = { "io.netty.handler.codec.compression.Zstd",
			"io.netty.handler.codec.compression.Brotli" };

	@EventListener(ApplicationReadyEvent.class)
	void load() {
		for (String codec : CODECS) {
			try {
				Class.forName(codec, true, NativeCodecsWarmUp.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				log.debug("{} not loaded: {}", codec, ex.toString());
			}
		}
	}

}
