package io.leadwire.launcher;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortTests {

	@Test
	void portsAreBelowTheEphemeralRangeAndNeverHandedOutTwice() throws Exception {
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < 300; i++) {
			int port = Platform.freePort();
			assertThat(port).isBetween(20_000, 31_999);
			assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
		}
	}

	@Test
	void aPortInUseIsNotHandedOut() throws Exception {
		Set<Integer> held = new HashSet<>();
		java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
		try {
			for (int port = 20_000; port < 20_800; port++) {
				try {
					sockets.add(new ServerSocket(port));
					held.add(port);
				}
				catch (java.io.IOException ex) {
					// Already taken by something else: fine, it is in use either way.
				}
			}
			// 800 of the 12,000 candidates held: about 13 of 200 picks land on one and
			// must move on.
			for (int i = 0; i < 200; i++) {
				assertThat(held).doesNotContain(Platform.freePort());
			}
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void anEphemeralPlatformGetsDistinctPorts() throws Exception {
		LauncherSettings settings = LauncherSettings.ephemeral(Path.of("."), Path.of("target/free-ports"), Map.of());
		assertThat(new HashSet<>(settings.ports().values())).hasSameSizeAs(settings.ports().values());
	}

}
