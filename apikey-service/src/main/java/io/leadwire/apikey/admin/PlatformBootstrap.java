package io.leadwire.apikey.admin;

import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.leadwire.apikey.key.ApiKey;
import io.leadwire.apikey.key.ApiKeyRepository;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.apikey.tenant.User;
import io.leadwire.apikey.tenant.UserRepository;
import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdAllocator;

/**
 * Makes sure the platform-admin key whose SHA-256 is configured exists, so a fresh
 * installation can be administered. The secret itself is never given to this service
 * (deployments put the hash in a secret; the local launcher generates the key).
 */
@Component
class PlatformBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);

	private final TenantRepository tenants;

	private final UserRepository users;

	private final ApiKeyRepository keys;

	private final IdAllocator ids;

	private final String adminKeyHash;

	PlatformBootstrap(TenantRepository tenants, UserRepository users, ApiKeyRepository keys, IdAllocator ids,
			@Value("${leadwire.bootstrap.admin-key-sha256:}") String adminKeyHash) {
		this.tenants = tenants;
		this.users = users;
		this.keys = keys;
		this.ids = ids;
		this.adminKeyHash = adminKeyHash;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.adminKeyHash.isBlank() || this.keys.findByHash(this.adminKeyHash).isPresent()) {
			return;
		}
		if (!this.adminKeyHash.matches("[0-9a-f]{64}")) {
			throw new IllegalStateException("leadwire.bootstrap.admin-key-sha256 must be a lowercase hex SHA-256");
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Tenant platform = this.tenants.findFirstByPlatformTrue()
			.orElseGet(() -> this.tenants
				.insert(Tenant.create(this.ids.next(), "Leadwire Platform", "enterprise", false, null, true, now)));
		User admin = this.users.insert(new User(this.ids.next(), platform.id(), "Platform admin",
				"admin+" + now.toEpochMilli() + "@leadwire.local", User.Role.OWNER, now, null));
		try {
			this.keys.insert(new ApiKey(this.ids.next(), platform.id(), admin.id(), "Platform admin", Environment.LIVE,
					this.adminKeyHash, "lw_live_sk_****", null, null, null, null, true, now, null, List.of(), null,
					List.of(), List.of()));
			log.info("Platform-admin key registered");
		}
		catch (DuplicateKeyException ex) {
			log.info("Platform-admin key registered by another replica");
		}
	}

}
