package io.leadwire.messaging.provider.sandbox;

/**
 * A sandbox session as the sandbox keeps it: its webhook secret (opened) and which
 * provider it plays.
 *
 * @param profile {@code WAHA} (the default): one phone, one send at a time;
 * {@code CLOUD}: a Cloud API number, concurrent sends up to its throughput tier
 * @param messagingLimit a simulated messaging limit (unique recipients in a moving 24 h,
 * past which a send is refused with Meta's {@code 131048}); null: none
 */
record SandboxSession(String name, String secret, Profile profile, Integer messagingLimit) {

	/** The provider a sandbox session behaves like. */
	enum Profile {

		WAHA, CLOUD;

		/** {@code cloud} plays the Cloud API; anything else (or nothing) WAHA. */
		static Profile of(String provider) {
			return "cloud".equalsIgnoreCase(provider) ? CLOUD : WAHA;
		}

	}

}
