package io.leadwire.gateway.limits;

/**
 * A bucket as it stands: tokens left in its minute bucket, requests counted in its UTC
 * day.
 */
record BucketState(double tokens, long usedToday) {
}
