package io.leadwire.gateway.web;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;

/**
 * The gateway's own reads of what a service declares about itself ({@code /internal/…}:
 * its id rules, its API document), made as the gateway: a signed system context, which
 * only the gateway can sign.
 */
@Component
public class InternalCalls {

	private final ContextSigner signer;

	private final WebClient client = WebClient.builder()
		.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 << 20))
		.build();

	InternalCalls(ContextSigner signer) {
		this.signer = signer;
	}

	/**
	 * The body of {@code GET path} at the service, for {@code caller} (named in its
	 * logs).
	 */
	public Mono<byte[]> get(URI service, String path, String caller) {
		return this.client.get()
			.uri(service.resolve(path))
			.header(ContextSigner.HEADER, this.signer.sign(RequestContext.system(caller)))
			.retrieve()
			.bodyToMono(byte[].class);
	}

}
