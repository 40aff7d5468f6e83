package io.leadwire.common.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import tools.jackson.databind.json.JsonMapper;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The error mapping and the context check as a service runs them: filters, advice and
 * controller.
 */
class ServiceExceptionHandlerTests {

	private final ContextSigner signer = new ContextSigner("0123456789abcdef0123456789abcdef", Duration.ofSeconds(30),
			Clock.systemUTC());

	private MockMvc mvc;

	private String context;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.standaloneSetup(new SampleController())
			.setControllerAdvice(new ServiceExceptionHandler())
			.setCustomArgumentResolvers(new RequestContextArgumentResolver())
			.addFilters(new RequestIdFilter(),
					new RequestContextFilter(this.signer, List.of("/public/**"), JsonMapper.builder().build()))
			.build();
		this.context = this.signer.sign(RequestContext.tenant(1L, Environment.LIVE, 2L, 3L, "free", "r"));
	}

	@Test
	void successIsWrappedInTheEnvelopeWithRequestId() throws Exception {
		this.mvc.perform(get("/things/5").header(ContextSigner.HEADER, this.context).header("X-Request-Id", "abc-1"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Request-Id", "abc-1"))
			.andExpect(jsonPath("$.success").value(true))
			.andExpect(jsonPath("$.status").value(200))
			.andExpect(jsonPath("$.data.tenant").value(1))
			.andExpect(jsonPath("$.meta.version").value("v1"))
			.andExpect(jsonPath("$.meta.requestId").value("abc-1"))
			.andExpect(jsonPath("$.meta.timestamp", notNullValue()));
	}

	@Test
	void missingContextIs401() throws Exception {
		this.mvc.perform(get("/things/5"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.success").value(false))
			.andExpect(jsonPath("$.code").value("missing_context"));
	}

	@Test
	void forgedContextIs401() throws Exception {
		this.mvc.perform(get("/things/5").header(ContextSigner.HEADER, this.context + "x"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("invalid_context"));
	}

	@Test
	void publicPathsNeedNoContext() throws Exception {
		this.mvc.perform(get("/public/ping")).andExpect(status().isOk());
	}

	@Test
	void validationFailureIs422WithFieldErrors() throws Exception {
		this.mvc
			.perform(post("/things").header(ContextSigner.HEADER, this.context)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"email\":\"nope\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation_failed"))
			.andExpect(jsonPath("$.errors[?(@.field=='email')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field=='name')]").exists());
	}

	@Test
	void malformedJsonIs400() throws Exception {
		this.mvc
			.perform(post("/things").header(ContextSigner.HEADER, this.context)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("bad_request"));
	}

	@Test
	void wrongPathTypeIs400() throws Exception {
		this.mvc.perform(get("/things/abc").header(ContextSigner.HEADER, this.context))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("bad_request"));
	}

	@Test
	void apiExceptionKeepsItsStatusAndCode() throws Exception {
		this.mvc.perform(get("/things/404").header(ContextSigner.HEADER, this.context))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not_found"));
	}

	@Test
	void unexpectedFailureIs500WithNoInternals() throws Exception {
		this.mvc.perform(get("/things/500").header(ContextSigner.HEADER, this.context))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("internal_error"))
			.andExpect(jsonPath("$.message").value("Internal error"))
			.andExpect(content().string(not(containsString("IllegalStateException"))))
			.andExpect(content().string(not(containsString("secret-detail"))));
	}

	@Test
	void platformScopeCannotReachTenantData() throws Exception {
		String system = this.signer.sign(RequestContext.system("r"));
		this.mvc.perform(get("/things/5").header(ContextSigner.HEADER, system))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("forbidden"));
	}

	@RestController
	static class SampleController {

		record Thing(@NotBlank String name, @Email String email) {
		}

		@GetMapping("/things/{id}")
		ApiResponse<?> get(@PathVariable long id, TenantScope scope) {
			if (id == 404) {
				throw ApiException.notFound();
			}
			if (id == 500) {
				throw new IllegalStateException("secret-detail");
			}
			return ApiResponse.ok(java.util.Map.of("tenant", scope.tenantId()));
		}

		@PostMapping("/things")
		ApiResponse<Thing> create(@Valid @RequestBody Thing thing) {
			return ApiResponse.created(thing);
		}

		@GetMapping("/public/ping")
		ApiResponse<String> ping() {
			return ApiResponse.ok("pong");
		}

	}

}
