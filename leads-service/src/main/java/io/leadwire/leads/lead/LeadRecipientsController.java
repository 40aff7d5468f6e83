package io.leadwire.leads.lead;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.TenantScope;

/**
 * Leads as campaign recipients (internal, never routed; asked with the tenant's own
 * signed context): the scope's leads with a phone number in any of {@code statuses}, a
 * page of at most {@value #MAX_PAGE} by ascending id after {@code afterId}.
 */
@RestController
class LeadRecipientsController {

	static final int MAX_PAGE = 1_000;

	private final MongoOperations mongo;

	LeadRecipientsController(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@PostMapping("/internal/recipients/leads")
	ApiResponse<Page> leads(@RequestBody Selection selection, TenantScope scope) {
		if (selection == null || selection.statuses() == null || selection.statuses().isEmpty()) {
			throw ApiException.validation("statuses", "at least one lead status");
		}
		List<LeadEnums.Status> statuses = new ArrayList<>();
		for (String status : selection.statuses()) {
			try {
				statuses.add(LeadEnums.Status.parse(status.strip()));
			}
			catch (RuntimeException ex) {
				throw ApiException.validation("statuses", "new, contacted, qualified or unqualified");
			}
		}
		int limit = (selection.limit() != null) ? Math.max(1, Math.min(MAX_PAGE, selection.limit())) : MAX_PAGE;
		Criteria criteria = LeadStore.scoped(scope).and("status").in(statuses).and("phone").ne(null);
		if (selection.afterId() != null) {
			criteria.and("_id").gt(selection.afterId());
		}
		List<Lead> leads = this.mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), Lead.class);
		List<Recipient> recipients = leads.stream()
			.map((lead) -> new Recipient(lead.id(), lead.phone(), displayName(lead)))
			.toList();
		Long next = (leads.size() == limit) ? leads.get(leads.size() - 1).id() : null;
		return ApiResponse.ok(new Page(recipients, next));
	}

	private static String displayName(Lead lead) {
		if (lead.name() != null && !lead.name().isBlank()) {
			return lead.name();
		}
		String joined = ((lead.firstName() != null) ? lead.firstName() : "") + " "
				+ ((lead.lastName() != null) ? lead.lastName() : "");
		return joined.isBlank() ? null : joined.strip();
	}

	record Selection(List<String> statuses, Long afterId, Integer limit) {
	}

	record Recipient(long leadId, String phone, String name) {
	}

	record Page(List<Recipient> leads, Long nextAfterId) {
	}

}
