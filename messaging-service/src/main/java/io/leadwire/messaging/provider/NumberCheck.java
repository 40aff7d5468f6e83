package io.leadwire.messaging.provider;

/**
 * Whether a number is on WhatsApp, and the chat id to send it to (WAHA's differs from the
 * digits for some Brazilian numbers: use it when sending).
 */
public record NumberCheck(boolean exists, String chatId) {
}
