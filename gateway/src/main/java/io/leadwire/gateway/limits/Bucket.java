package io.leadwire.gateway.limits;

/**
 * One limited scope of a request: its Redis key stem and its limit.
 */
public record Bucket(String name, RateLimitProperties.Limit limit) {

	/** What the bucket limits, as {@code GET /v1/usage} names it. */
	String scope() {
		String kind = this.name.substring(0, this.name.indexOf(':'));
		return kind.equals("ip") ? "clientAddress" : kind;
	}

	static Bucket ip(String address, RateLimitProperties.Limit limit) {
		return new Bucket("ip:" + address, limit);
	}

	static Bucket key(long keyId, RateLimitProperties.Limit limit) {
		return new Bucket("key:" + keyId, limit);
	}

	static Bucket tenant(long tenantId, RateLimitProperties.Limit limit) {
		return new Bucket("tenant:" + tenantId, limit);
	}

	static Bucket user(long userId, RateLimitProperties.Limit limit) {
		return new Bucket("user:" + userId, limit);
	}

}
