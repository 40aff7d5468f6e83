package io.leadwire.webhooks.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.leadwire.common.net.AddressGuard;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Resolves endpoints' hosts without blocking (Netty's DNS resolver) and refuses a host
 * when any of its addresses is not public ({@link AddressGuard}). Deliveries connect to
 * exactly the addresses returned here, so a name that passed the check when the endpoint
 * was saved cannot resolve into our network later (DNS rebinding). Address literals were
 * checked when the endpoint was saved and cannot change.
 * <p>
 * {@code pinned} maps names to addresses without the check; it is empty unless a test
 * sets {@code leadwire.webhooks.test-hosts} to reach a receiver on loopback.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final DnsAddressResolverGroup dns = new DnsAddressResolverGroup(
			new DnsNameResolverBuilder().datagramChannelType(NioDatagramChannel.class)
				.socketChannelType(NioSocketChannel.class));

	private final Map<String, InetAddress> pinned = new java.util.HashMap<>();

	GuardedResolverGroup(Map<String, String> pinned) {
		pinned.forEach((host, address) -> {
			try {
				this.pinned.put(host.toLowerCase(Locale.ROOT), InetAddress.getByName(address));
			}
			catch (java.net.UnknownHostException ex) {
				throw new IllegalArgumentException("leadwire.webhooks.test-hosts." + host + ": not an address", ex);
			}
		});
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		AddressResolver<InetSocketAddress> resolver = this.dns.getResolver(executor);
		return new AbstractAddressResolver<>(executor) {

			@Override
			protected boolean doIsResolved(InetSocketAddress address) {
				return !address.isUnresolved();
			}

			@Override
			protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
				Promise<List<InetSocketAddress>> all = executor().newPromise();
				all.addListener((Future<List<InetSocketAddress>> done) -> {
					if (done.isSuccess()) {
						promise.setSuccess(done.getNow().get(0));
					}
					else {
						promise.setFailure(done.cause());
					}
				});
				doResolveAll(address, all);
			}

			@Override
			protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
				String host = address.getHostString();
				InetAddress pinnedAddress = GuardedResolverGroup.this.pinned.get(host.toLowerCase(Locale.ROOT));
				if (pinnedAddress != null) {
					promise.setSuccess(List.of(new InetSocketAddress(pinnedAddress, address.getPort())));
					return;
				}
				resolver.resolveAll(address).addListener((Future<List<InetSocketAddress>> done) -> {
					if (!done.isSuccess()) {
						promise.setFailure(done.cause());
						return;
					}
					for (InetSocketAddress resolved : done.getNow()) {
						if (!AddressGuard.isPublic(resolved.getAddress())) {
							promise.setFailure(new AddressGuard.BlockedAddressException(host));
							return;
						}
					}
					promise.setSuccess(done.getNow());
				});
			}

		};
	}

	@Override
	public void close() {
		this.dns.close();
		super.close();
	}

}
