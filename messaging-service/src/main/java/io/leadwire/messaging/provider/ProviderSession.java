package io.leadwire.messaging.provider;

/**
 * A session as its provider reports it.
 *
 * @param status one of {@code STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED}
 * @param qrPng the current QR code as a base64 PNG while {@code status} is
 * {@code SCAN_QR_CODE}, else null
 * @param phone the connected number (E.164) once {@code WORKING}, else null
 */
public record ProviderSession(String status, String qrPng, String phone) {
}
