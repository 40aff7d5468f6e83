package io.leadwire.gateway.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A first response kept for replay, with the fingerprint of the request that produced it.
 * Stored in Redis in a small binary form (no JSON round trip for the body).
 */
record StoredResponse(byte[] fingerprint, int status, String contentType, String location, byte[] body) {

	static final byte MARKER = 'D';

	static boolean isStoredResponse(byte[] value) {
		return value.length > 0 && value[0] == MARKER;
	}

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(this.body.length + 128);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(MARKER);
			out.writeByte(this.fingerprint.length);
			out.write(this.fingerprint);
			out.writeShort(this.status);
			out.writeUTF((this.contentType != null) ? this.contentType : "");
			out.writeUTF((this.location != null) ? this.location : "");
			out.writeInt(this.body.length);
			out.write(this.body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static StoredResponse decode(byte[] value) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
			in.readByte();
			byte[] fingerprint = in.readNBytes(in.readUnsignedByte());
			int status = in.readUnsignedShort();
			String contentType = in.readUTF();
			String location = in.readUTF();
			byte[] body = in.readNBytes(in.readInt());
			return new StoredResponse(fingerprint, status, contentType.isEmpty() ? null : contentType,
					location.isEmpty() ? null : location, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
