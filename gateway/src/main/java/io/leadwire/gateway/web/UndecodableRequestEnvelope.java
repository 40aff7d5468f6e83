package io.leadwire.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.RequestIds;

/**
 * Puts the envelope on the answers Reactor Netty and WebFlux give before a request
 * reaches any filter: a request line or URL too long (414), headers too large (431), a
 * request that does not decode or a path with a broken %-escape (400). They were written
 * with an empty body and no request id. Such an answer is recognised by having no
 * {@code X-Request-Id} (every answer that went through the filters has one) and an empty
 * body; it is replaced by the same status with the envelope and a new request id (and the
 * original's {@code Connection} header). Placed right after the HTTP codec on the
 * connection's own loop, so it costs one header lookup per answer.
 */
public final class UndecodableRequestEnvelope extends ChannelDuplexHandler {

	private final GatewayErrors errors;

	/** Set while the empty body of a replaced answer is still to come. */
	private boolean dropBody;

	public UndecodableRequestEnvelope(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (this.dropBody && msg instanceof LastHttpContent last) {
			this.dropBody = false;
			ReferenceCountUtil.release(last);
			promise.setSuccess();
			return;
		}
		if (msg instanceof HttpResponse response && isBare(response)) {
			int status = response.status().code();
			boolean full = msg instanceof FullHttpResponse;
			if (!full) {
				this.dropBody = true;
			}
			ReferenceCountUtil.release(msg);
			ctx.write(envelope(response, status), promise);
			return;
		}
		super.write(ctx, msg, promise);
	}

	private boolean isBare(HttpResponse response) {
		int status = response.status().code();
		if (status != 400 && status != 414 && status != 431 && status != 413 && status != 505) {
			return false;
		}
		if (response.headers().contains(RequestIds.HEADER)) {
			return false;
		}
		if (response instanceof FullHttpResponse full) {
			return full.content().readableBytes() == 0;
		}
		return HttpUtil.getContentLength(response, -1L) == 0L;
	}

	private FullHttpResponse envelope(HttpResponse original, int status) {
		String requestId = RequestIds.acceptOrGenerate(null);
		String message = switch (status) {
			case 414 -> "The request line is too long: keep URLs under 8 KB";
			case 431 -> "The request headers are too large";
			case 413 -> "Request body too large";
			case 505 -> "HTTP version not supported";
			default -> "Malformed request: it could not be decoded (check %-escapes in the path and the header syntax)";
		};
		String code = switch (status) {
			case 414 -> ErrorCodes.URI_TOO_LONG;
			case 431 -> ErrorCodes.HEADERS_TOO_LARGE;
			case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
			default -> ErrorCodes.BAD_REQUEST;
		};
		byte[] body = this.errors.body(status, code, message, requestId);
		FullHttpResponse response = new DefaultFullHttpResponse(original.protocolVersion(), original.status(),
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(RequestIds.HEADER, requestId)
			.set("X-Content-Type-Options", "nosniff")
			.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
		String connection = original.headers().get(HttpHeaderNames.CONNECTION);
		if (connection != null) {
			response.headers().set(HttpHeaderNames.CONNECTION, connection);
		}
		return response;
	}

}
