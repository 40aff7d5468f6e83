package io.leadwire.apikey.tenant;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface TenantRepository extends MongoRepository<Tenant, Long> {

	Optional<Tenant> findFirstByPlatformTrue();

}
