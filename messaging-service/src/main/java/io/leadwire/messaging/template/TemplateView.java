package io.leadwire.messaging.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A template as the API shows it: its content, its variables with their examples, and its
 * reviews — by Meta in a business account ({@code reviewer: meta}, with {@code wabaId}
 * and Meta's template id) or by the sandbox's simulated Meta ({@code reviewer: sandbox}).
 * {@code status} sums them up: {@code APPROVED} when every review lets it be sent, else
 * {@code REJECTED} if one rejected it, {@code PENDING} if one is under way, else the
 * first one's; {@code NOT_SUBMITTED} when no account reviewed it (no Cloud session yet:
 * it is sent as text by WAHA sessions). {@code forSession}: what it is on the session a
 * read asked about.
 */
record TemplateView(long id, String name, String language, String category, String header, String body, String footer,
		List<String> variables, Map<String, String> examples, String status, List<ReviewView> reviews,
		Templates.ForSession forSession, Instant createdAt, Instant updatedAt) {

	static TemplateView of(Template template) {
		return of(template, null);
	}

	/** With what it is on a session ({@code ?session_id=}). */
	static TemplateView of(Template template, Templates.ForSession forSession) {
		List<ReviewView> reviews = template.reviews().stream().map(ReviewView::of).toList();
		return new TemplateView(template.id(), template.name(), template.language(), template.category(),
				template.header(), template.body(), template.footer(), template.variables(), template.examples(),
				status(template.reviews()), reviews, forSession, template.createdAt(), template.updatedAt());
	}

	static String status(List<Template.Review> reviews) {
		if (reviews.isEmpty()) {
			return "NOT_SUBMITTED";
		}
		if (reviews.stream().allMatch((review) -> Templates.sendable(review.status()))) {
			return Template.APPROVED;
		}
		for (String status : List.of("REJECTED", "PENDING")) {
			if (reviews.stream().anyMatch((review) -> status.equals(review.status()))) {
				return status;
			}
		}
		return reviews.stream()
			.filter((review) -> !Templates.sendable(review.status()))
			.findFirst()
			.map(Template.Review::status)
			.orElse(Template.APPROVED);
	}

	/** One account's review. */
	record ReviewView(String reviewer, String wabaId, String metaTemplateId, String status, String reason,
			Instant updatedAt) {

		static ReviewView of(Template.Review review) {
			return new ReviewView(Templates.SANDBOX.equals(review.account()) ? "sandbox" : "meta", review.wabaId(),
					review.metaTemplateId(), review.status(), review.reason(), review.updatedAt());
		}

	}

}
