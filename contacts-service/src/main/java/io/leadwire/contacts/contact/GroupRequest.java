package io.leadwire.contacts.contact;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A group's fields as sent, presence-aware (absent: unchanged); {@code id} for the older
 * RPC forms ({@code /contacts/groups/update}, {@code /contacts/groups/delete}).
 */
record GroupRequest(Long id, Optional<String> name, Optional<String> color, @JsonProperty("_method") String method) {
}
