package io.leadwire.apikey.key;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ApiKeyRepository extends MongoRepository<ApiKey, Long> {

	Optional<ApiKey> findByHash(String hash);

	Optional<ApiKey> findFirstByRetiredHashes(String hash);

	Optional<ApiKey> findFirstByPreviousSecretsHash(String hash);

}
