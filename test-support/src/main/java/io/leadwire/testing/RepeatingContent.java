package io.leadwire.testing;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * An upload of {@code size} bytes made up on the fly from one repeated line, so a test
 * can send more than a limit (100 MB) without holding or writing it.
 */
public final class RepeatingContent extends InputStream {

	private final byte[] line;

	private final long size;

	private long position;

	public RepeatingContent(String line, long size) {
		this.line = line.getBytes(StandardCharsets.UTF_8);
		this.size = size;
	}

	/** A request body of {@code size} bytes of {@code line}, repeated. */
	public static HttpRequest.BodyPublisher body(String line, long size) {
		return HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingContent(line, size));
	}

	@Override
	public int read() {
		return (this.position < this.size) ? this.line[(int) (this.position++ % this.line.length)] : -1;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (this.position >= this.size) {
			return -1;
		}
		int count = (int) Math.min(length, this.size - this.position);
		for (int i = 0; i < count; i++) {
			buffer[offset + i] = this.line[(int) ((this.position + i) % this.line.length)];
		}
		this.position += count;
		return count;
	}

}
