package io.leadwire.common.context;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs and verifies {@code X-Leadwire-Context}:
 * {@code v1.<base64url json>.<base64url HMAC-SHA256>}. The short expiry bounds replay of
 * a captured header; the shared key is the platform's secret.
 */
public final class ContextSigner {

	public static final String HEADER = "X-Leadwire-Context";

	private static final String VERSION = "v1.";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** JSON of a context is small; anything longer is not ours. */
	private static final int MAX_HEADER_LENGTH = 2048;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final SecretKeySpec key;

	private final long ttlMillis;

	private final Clock clock;

	private final ThreadLocal<Mac> macs;

	public ContextSigner(String secret, Duration ttl, Clock clock) {
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalArgumentException("The context secret must be at least 32 bytes");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.ttlMillis = ttl.toMillis();
		this.clock = clock;
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	public String sign(RequestContext context) {
		RequestContext expiring = context.withExpiry(this.clock.millis() + this.ttlMillis);
		String payload = ENCODER.encodeToString(json(expiring).getBytes(StandardCharsets.UTF_8));
		return VERSION + payload + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * The context as JSON, written by hand on the gateway's hot path: the same bytes
	 * Jackson writes for the record (short names, nulls left out), at a fraction of the
	 * cost.
	 */
	static String json(RequestContext context) {
		StringBuilder out = new StringBuilder(160).append('{');
		if (context.scope() != null) {
			out.append("\"s\":\"").append(context.scope().name()).append("\",");
		}
		number(out, "t", context.tenantId());
		if (context.environment() != null) {
			out.append("\"e\":\"").append(context.environment().wireName()).append("\",");
		}
		number(out, "u", context.userId());
		number(out, "a", context.actingUserId());
		number(out, "o", context.keyTenantId());
		number(out, "k", context.keyId());
		text(out, "p", context.plan());
		text(out, "r", context.requestId());
		return out.append("\"x\":").append(context.expiresAt()).append('}').toString();
	}

	private static void number(StringBuilder out, String name, Long value) {
		if (value != null) {
			out.append('"').append(name).append("\":").append(value.longValue()).append(',');
		}
	}

	private static void text(StringBuilder out, String name, String value) {
		if (value == null) {
			return;
		}
		out.append('"').append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append("\",");
	}

	/**
	 * The context in {@code header}, or {@link InvalidContextException} if forged,
	 * expired or malformed.
	 */
	public RequestContext verify(String header) {
		if (header == null || header.length() > MAX_HEADER_LENGTH || !header.startsWith(VERSION)) {
			throw new InvalidContextException("malformed");
		}
		int dot = header.indexOf('.', VERSION.length());
		if (dot < 0) {
			throw new InvalidContextException("malformed");
		}
		String payload = header.substring(VERSION.length(), dot);
		byte[] signature;
		try {
			signature = DECODER.decode(header.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContextException("malformed");
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			throw new InvalidContextException("bad signature");
		}
		RequestContext context;
		try {
			context = JSON.readValue(DECODER.decode(payload), RequestContext.class);
		}
		catch (RuntimeException ex) {
			throw new InvalidContextException("malformed");
		}
		if (context.scope() == null || context.expiresAt() < this.clock.millis()) {
			throw new InvalidContextException("expired");
		}
		return context;
	}

	private byte[] mac(String payload) {
		return this.macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** A context header that must not be trusted; the reason is for logs only. */
	public static final class InvalidContextException extends RuntimeException {

		public InvalidContextException(String reason) {
			super(reason, null, false, false);
		}

	}

}
