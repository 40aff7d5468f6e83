package io.leadwire.contacts.recipients;

import java.util.List;

/** A page of recipients; {@code nextCursor} is null after the last. */
record RecipientPage(List<Recipient> recipients, String nextCursor) {
}
