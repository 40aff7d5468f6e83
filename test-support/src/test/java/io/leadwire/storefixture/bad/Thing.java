package io.leadwire.storefixture.bad;

import org.springframework.data.mongodb.core.mapping.Document;

@Document("things")
record Thing(String id) {
}
