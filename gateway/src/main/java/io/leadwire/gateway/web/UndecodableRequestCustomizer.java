package io.leadwire.gateway.web;

import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link UndecodableRequestEnvelope} right after each connection's HTTP codec.
 */
@Component
class UndecodableRequestCustomizer implements NettyServerCustomizer {

	private final GatewayErrors errors;

	UndecodableRequestCustomizer(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "leadwire.undecodableEnvelope",
							new UndecodableRequestEnvelope(this.errors));
			}
		});
	}

}
