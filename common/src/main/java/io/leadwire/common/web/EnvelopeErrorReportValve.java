package io.leadwire.common.web;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.RequestIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error page, for what it refuses before any filter runs (a broken %-escape,
 * headers or a request line over the limit, a method it does not know), in the envelope
 * with a request id instead of HTML. Installed as every service's host error-report
 * valve.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == 501) {
			// Tomcat's answer to a method it does not implement (CONNECT): the API has no
			// such method, which is a 405, not a server fault.
			status = 405;
			response.setStatus(status);
		}
		String requestId = RequestIds.acceptOrGenerate(null);
		String code = switch (status) {
			case 404 -> ErrorCodes.NOT_FOUND;
			case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
			case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
			case 414 -> ErrorCodes.URI_TOO_LONG;
			case 431 -> ErrorCodes.HEADERS_TOO_LARGE;
			default -> (status >= 500) ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.BAD_REQUEST;
		};
		String message = (status >= 500) ? "Internal error"
				: (status == 405) ? "Method not allowed" : "Malformed request: it could not be decoded";
		byte[] body = JSON.writeValueAsBytes(ApiResponse.error(status, code, message, null, requestId));
		try {
			response.setContentType("application/json");
			response.setHeader(RequestIds.HEADER, requestId);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Cache-Control", "no-store");
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to say.
		}
	}

}
