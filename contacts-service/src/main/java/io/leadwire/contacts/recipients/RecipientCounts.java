package io.leadwire.contacts.recipients;

/**
 * The preview's counts: {@code total} valid recipients (selection contacts and raw phones
 * that are phone numbers), of which {@code optedOut} are suppressed and
 * {@code duplicates} repeat; {@code sendable = total − optedOut − duplicates}.
 * {@code invalid} raw entries are not phone numbers and are not in {@code total}.
 */
record RecipientCounts(long total, long optedOut, long duplicates, long invalid, long sendable) {
}
