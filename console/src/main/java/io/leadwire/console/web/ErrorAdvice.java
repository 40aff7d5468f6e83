package io.leadwire.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import jakarta.servlet.http.HttpServletResponse;

import io.leadwire.console.api.ApiException;

/**
 * An API refusal that no form handles (a 404 id, a 403 for a member's role, a 429)
 * becomes a page saying what the API said, with the same status.
 */
@ControllerAdvice
class ErrorAdvice {

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		int status = (ex.status() >= 400 && ex.status() < 600) ? ex.status() : HttpStatus.BAD_GATEWAY.value();
		response.setStatus(status);
		model.addAttribute("status", status);
		model.addAttribute("code", ex.code());
		model.addAttribute("message", ex.getMessage());
		return "problem";
	}

}
