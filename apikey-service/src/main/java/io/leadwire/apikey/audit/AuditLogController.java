package io.leadwire.apikey.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.apikey.tenant.Guard;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;

/**
 * {@code GET /v1/audit-log}: what was done in the tenant, or by its keys in client
 * companies, newest first; filters by user (owner or acting), key, path prefix and time
 * range.
 */
@RestController
class AuditLogController {

	private final MongoOperations mongo;

	AuditLogController(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@GetMapping("/v1/audit-log")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<List<AuditView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) Long userId,
			@RequestParam(required = false) Long keyId, @RequestParam(required = false) String path,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		PageRequest paging = PageRequest.of(page, limit);
		Criteria criteria = new Criteria().andOperator(
				new Criteria().orOperator(Criteria.where("tenantId").is(scope.tenantId()),
						Criteria.where("keyTenantId").is(scope.tenantId())),
				Criteria.where("environment").is(scope.environment()));
		if (userId != null) {
			criteria = new Criteria().andOperator(criteria, new Criteria()
				.orOperator(Criteria.where("userId").is(userId), Criteria.where("actingUserId").is(userId)));
		}
		if (keyId != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("keyId").is(keyId));
		}
		if (path != null) {
			if (path.length() > 200) {
				throw ApiException.validation("path", "at most 200 characters");
			}
			criteria = new Criteria().andOperator(criteria,
					Criteria.where("path").regex("^" + java.util.regex.Pattern.quote(path)));
		}
		if (from != null || to != null) {
			Criteria at = Criteria.where("at");
			if (from != null) {
				at = at.gte(from);
			}
			if (to != null) {
				at = at.lt(to);
			}
			criteria = new Criteria().andOperator(criteria, at);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, AuditEntry.class);
		query.with(Sort.by(Sort.Direction.DESC, "at", "_id")).skip(paging.offset()).limit(paging.limit());
		List<AuditView> entries = this.mongo.find(query, AuditEntry.class).stream().map(AuditView::of).toList();
		return ApiResponse.page(entries, Pagination.of(paging, total, null));
	}

	record AuditView(long id, Long keyId, long userId, long actingUserId, long tenantId, String method, String path,
			int status, Instant at, String requestId) {

		static AuditView of(AuditEntry entry) {
			return new AuditView(entry.id(), entry.keyId(), entry.userId(), entry.actingUserId(), entry.tenantId(),
					entry.method(), entry.path(), entry.status(), entry.at(), entry.requestId());
		}

	}

}
