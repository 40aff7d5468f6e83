package io.leadwire.gateway.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * A request whose method, path, query and body are hashed (SHA-256) as the body streams
 * past, so that even a 100 MB upload is fingerprinted without being held in memory.
 */
final class RequestFingerprint extends ServerHttpRequestDecorator {

	private final MessageDigest digest;

	private volatile boolean bodyRead;

	private byte[] value;

	RequestFingerprint(ServerHttpRequest request) {
		super(request);
		this.digest = sha256();
		String target = request.getMethod().name() + ' ' + request.getURI().getRawPath() + '?'
				+ ((request.getURI().getRawQuery() != null) ? request.getURI().getRawQuery() : "") + '\n';
		this.digest.update(target.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public Flux<DataBuffer> getBody() {
		return super.getBody().doOnNext(this::update).doOnComplete(() -> this.bodyRead = true);
	}

	private void update(DataBuffer buffer) {
		try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
			while (chunks.hasNext()) {
				ByteBuffer chunk = chunks.next();
				synchronized (this.digest) {
					this.digest.update(chunk);
				}
			}
		}
	}

	/** Whether the whole body went past, so the fingerprint covers it. */
	boolean complete() {
		return this.bodyRead;
	}

	byte[] value() {
		synchronized (this.digest) {
			if (this.value == null) {
				this.value = this.digest.digest();
			}
			return this.value;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
