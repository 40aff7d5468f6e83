package io.leadwire.gateway.routing;

import java.time.Duration;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Loop resources that are one event loop the server already runs: connections made with
 * them live on that loop. Disposing them leaves the loop alone (it belongs to the
 * server).
 */
record OneLoop(EventLoop loop) implements LoopResources {

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.loop;
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.loop;
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.empty();
	}

}
