package io.leadwire.messaging.wallet;

/** {@code GET /v1/wallet}: the partner API's shape. */
record WalletView(long balance, String currency, String creditUnitPrice, long costPerMessage) {
}
