package io.leadwire.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;

/**
 * Errors raised outside Spring MVC's handlers (in filters, by the container) in the
 * envelope, with nothing internal in them.
 */
@RestController
public class EnvelopeErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) {
		Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (attribute instanceof Integer code) ? code : 500;
		String errorCode = switch (status) {
			case 400 -> ErrorCodes.BAD_REQUEST;
			case 404 -> ErrorCodes.NOT_FOUND;
			case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
			case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
			default -> (status >= 500) ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.BAD_REQUEST;
		};
		String message = (status >= 500) ? "Internal error" : "Request failed";
		return ResponseEntity.status(status).body(ApiResponse.error(status, errorCode, message, null));
	}

}
