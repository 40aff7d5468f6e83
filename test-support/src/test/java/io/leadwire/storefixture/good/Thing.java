package io.leadwire.storefixture.good;

import org.springframework.data.mongodb.core.mapping.Document;

@Document("things")
record Thing(String id) {
}
