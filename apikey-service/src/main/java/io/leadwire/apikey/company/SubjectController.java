package io.leadwire.apikey.company;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.User;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.RequestContext;

/**
 * Maps a token's subject back to the Leadwire user, for the gateway. Internal: system
 * context only.
 */
@RestController
class SubjectController {

	private final MongoOperations mongo;

	SubjectController(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@PostMapping("/internal/identity/subject")
	ApiResponse<Subject> resolve(@Valid @RequestBody SubjectRequest request, RequestContext context) {
		context.requireScope(RequestContext.Scope.SYSTEM);
		User user = this.mongo.findOne(
				Query.query(Criteria.where("externalId").is(request.subject()).and("tenantId").is(request.tenantId())),
				User.class);
		Tenant tenant = (user != null) ? this.mongo.findById(user.tenantId(), Tenant.class) : null;
		if (user == null || tenant == null) {
			return ApiResponse.ok(new Subject(false, null, null));
		}
		return ApiResponse.ok(new Subject(true, user.id(), tenant.plan()));
	}

	record SubjectRequest(@NotNull Long tenantId, @NotBlank String subject) {
	}

	record Subject(boolean known, Long userId, String plan) {
	}

}
