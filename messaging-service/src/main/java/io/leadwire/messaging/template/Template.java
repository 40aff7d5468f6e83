package io.leadwire.messaging.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * A tenant's message template (docs/templates.md): a name and language unique in its
 * scope, Meta's category, a body (and optional header and footer text) with named
 * variables ({@code {{first_name}}}), an example value for each (Meta asks for them), and
 * its reviews: one per account it was submitted to — a WhatsApp Business Account of the
 * scope's Cloud sessions ({@code waba:<id>}), or the sandbox's simulated Meta
 * ({@code sandbox}) for test data. {@code version} counts its changes (every update is
 * conditioned on it); a deleted template stays, with {@code deletedAt}, until its event
 * is out.
 */
@Document("templates")
public record Template(@Id long id, long tenantId, Environment environment, String name, String language,
		String category, String header, String body, String footer, List<String> variables,
		Map<String, String> examples, List<Review> reviews, Instant createdAt, Instant updatedAt, long version,
		Instant deletedAt, List<OutboxEvent> outbox) {

	/** Meta's statuses a template may be sent in. */
	public static final String APPROVED = "APPROVED";

	/**
	 * One account's review: Meta's template id there, its status ({@code PENDING},
	 * {@code APPROVED}, {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, … as Meta's
	 * webhooks name them; {@code NOT_SUBMITTED} when Meta refused or could not be
	 * reached), and Meta's reason.
	 */
	public record Review(String account, String wabaId, String metaTemplateId, String status, String reason,
			Instant updatedAt) {
	}

	/** The review of {@code account}, or null. */
	public Review review(String account) {
		return (this.reviews == null) ? null
				: this.reviews.stream().filter((review) -> review.account().equals(account)).findFirst().orElse(null);
	}

}
