package io.leadwire.apikey.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.tenant.User;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;

/**
 * The tenant's users (docs/api.md §2) in the built-in directory. Users belong to the
 * tenant, not to an environment: test and live credentials see the same people.
 */
@RestController
@RequestMapping("/v1/users")
class UserController {

	private final MongoOperations mongo;

	private final IdAllocator ids;

	private final UserDirectory directory;

	UserController(MongoOperations mongo, IdAllocator ids, UserDirectory directory) {
		this.mongo = mongo;
		this.ids = ids;
		this.directory = directory;
	}

	@GetMapping
	@Guard(Guard.Who.ADMIN)
	ApiResponse<List<User>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		Query query = Query.query(Criteria.where("tenantId").is(scope.tenantId()));
		long total = this.mongo.count(query, User.class);
		query.with(Sort.by("createdAt", "_id")).skip(paging.offset()).limit(paging.limit());
		return ApiResponse.page(this.mongo.find(query, User.class), Pagination.of(paging, total, null));
	}

	/**
	 * The acting user (the signed-in user, a key's owner, or whom {@code X-On-Behalf-Of}
	 * names) with their role, for any credentials of the tenant, test ones too: a client
	 * such as the console shows what the role allows. A partner acting in a client
	 * company is its own user.
	 */
	@GetMapping("/me")
	@Guard(value = Guard.Who.MEMBER, sandbox = true)
	ApiResponse<User> me(RequestContext context) {
		long tenant = (context.keyTenantId() != null) ? context.keyTenantId() : context.tenantScope().tenantId();
		User user = (context.actingUserId() == null) ? null : this.mongo.findOne(
				Query.query(Criteria.where("_id").is(context.actingUserId()).and("tenantId").is(tenant)), User.class);
		if (user == null) {
			throw ApiException.notFound();
		}
		return ApiResponse.ok(user);
	}

	@GetMapping("/{id}")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<User> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(find(scope, id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Guard(Guard.Who.ADMIN)
	ApiResponse<User> create(@Valid @RequestBody CreateUserRequest request, RequestContext context) {
		TenantScope scope = context.tenantScope();
		User.Role role = (request.role() != null) ? request.role() : User.Role.MEMBER;
		User user = new User(this.ids.next(), scope.tenantId(), request.name().trim(),
				request.email().trim().toLowerCase(Locale.ROOT), role, Instant.now().truncatedTo(ChronoUnit.MILLIS),
				null);
		try {
			user = this.mongo.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("duplicate_email", "A user with this email already exists");
		}
		String externalId;
		try {
			externalId = this.directory.provision(user, request.password());
		}
		catch (RuntimeException ex) {
			// No half-made user: the sign-in identity failed, so the Leadwire user goes
			// too.
			this.mongo.remove(user);
			throw ex;
		}
		if (externalId != null) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(user.id())),
					new org.springframework.data.mongodb.core.query.Update().set("externalId", externalId), User.class);
		}
		return ApiResponse.created(user);
	}

	@DeleteMapping("/{id}")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<Void> delete(@PathVariable long id, RequestContext context) {
		TenantScope scope = context.tenantScope();
		User user = find(scope, id);
		if (user.role() == User.Role.OWNER && owners(scope) <= 1) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The last owner of a tenant cannot be deleted");
		}
		this.mongo.remove(Query.query(Criteria.where("_id").is(id).and("tenantId").is(scope.tenantId())), User.class);
		this.directory.remove(user);
		return ApiResponse.ok(null);
	}

	private User find(TenantScope scope, long id) {
		User user = this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("tenantId").is(scope.tenantId())),
				User.class);
		if (user == null) {
			throw ApiException.notFound();
		}
		return user;
	}

	private long owners(TenantScope scope) {
		return this.mongo.count(
				Query.query(Criteria.where("tenantId").is(scope.tenantId()).and("role").is(User.Role.OWNER)),
				User.class);
	}

	/**
	 * {@code password} sets the sign-in password where users sign in (Keycloak); ignored
	 * otherwise.
	 */
	record CreateUserRequest(@NotBlank @Size(max = 200) String name,
			@NotBlank @Email @Size(max = 320) @JsonAlias("email_address") String email, User.Role role,
			@Size(min = 8, max = 128) String password) {
	}

}
