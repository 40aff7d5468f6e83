package io.leadwire.campaign.recipients;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;

/**
 * Freezes a campaign's recipients a page at a time (never the whole list in one heap or
 * one request): contacts-service resolves the selection (groups, contacts, phone lists)
 * into E.164 numbers with their opt-out and duplicate flags and what personalises them;
 * each page is written under {@code <campaignId>:<phone>} ids (a number named twice
 * across pages is one recipient) and checkpointed with absolute counts and the cursor, so
 * a replica taking the launch over after a crash resumes at the page it was on: the
 * recipients that page already wrote are recognised by their {@code seq}, not counted
 * twice.
 */
@Component
public class RecipientFreezer {

	static final int PAGE = 1_000;

	private final ContactsRecipients contacts;

	private final LeadsRecipients leads;

	private final RecipientStore store;

	RecipientFreezer(ContactsRecipients contacts, LeadsRecipients leads, RecipientStore store) {
		this.contacts = contacts;
		this.leads = leads;
		this.store = store;
	}

	/**
	 * What to freeze: the campaign and its message, and who — a contacts selection, or
	 * leads in {@code leadStatuses} (their numbers go through contacts-service too, for
	 * the phone policy and the suppression list).
	 */
	public record Target(long campaignId, TenantScope scope, ContactsRecipients.Selection selection,
			List<String> leadStatuses, String text, String mediaUrl, Map<String, String> fallbacks, boolean template) {

		public Target(long campaignId, TenantScope scope, ContactsRecipients.Selection selection, String text,
				String mediaUrl, Map<String, String> fallbacks) {
			this(campaignId, scope, selection, null, text, mediaUrl, fallbacks, false);
		}

	}

	/**
	 * Where a freeze stands: the next page's {@code cursor} (null before the first),
	 * {@code done} after the last, the next {@code seq}, and what was counted so far.
	 */
	public record Progress(String cursor, boolean done, long seq, long pending, long optedOut, long duplicates,
			long invalid) {

		public static final Progress START = new Progress(null, false, 0, 0, 0, 0, 0);

		public long total() {
			return this.pending + this.optedOut;
		}

	}

	/**
	 * Freezes from {@code progress} to the end, checkpointing after every page; stops
	 * early (returning the last progress) when {@code checkpoint} answers false (the
	 * launch's lease was lost).
	 */
	public Progress freeze(Target target, Progress progress, Predicate<Progress> checkpoint) {
		Progress current = progress;
		while (!current.done()) {
			String cursor = current.cursor();
			ContactsRecipients.Page answer = CallContext.as(RequestContext.forTenant(target.scope(), null),
					() -> (target.leadStatuses() != null) ? leadsPage(target, cursor) : contactsPage(target, cursor));
			current = write(target, current, answer);
			if (!checkpoint.test(current)) {
				return current;
			}
		}
		return current;
	}

	private ContactsRecipients.Page contactsPage(Target target, String cursor) {
		ContactsRecipients.Selection selection = target.selection();
		return this.contacts
			.resolve(new ContactsRecipients.Selection(selection.groupIds(), selection.contactIds(), selection.phones(),
					selection.region(), cursor, PAGE))
			.data();
	}

	/**
	 * A page of leads ({@code cursor} {@code l:<last lead id>}), their numbers resolved
	 * by contacts-service (normalised, flagged opted out or duplicate, personalised from
	 * a matching contact); a recipient without a contact's name takes the lead's.
	 */
	private ContactsRecipients.Page leadsPage(Target target, String cursor) {
		Long after = (cursor != null) ? Long.valueOf(cursor.substring(2)) : null;
		LeadsRecipients.Page leads = this.leads.leads(new LeadsRecipients.Selection(target.leadStatuses(), after, PAGE))
			.data();
		String next = (leads.nextAfterId() != null) ? "l:" + leads.nextAfterId() : null;
		if (leads.leads().isEmpty()) {
			return new ContactsRecipients.Page(List.of(), next);
		}
		List<String> phones = leads.leads().stream().map(LeadsRecipients.Lead::phone).toList();
		List<ContactsRecipients.Recipient> resolved = this.contacts
			.resolve(new ContactsRecipients.Selection(null, null, phones, null, null, PAGE))
			.data()
			.recipients();
		List<ContactsRecipients.Recipient> named = new ArrayList<>(resolved.size());
		for (int i = 0; i < resolved.size(); i++) {
			ContactsRecipients.Recipient r = resolved.get(i);
			String name = (r.name() != null || i >= leads.leads().size()) ? r.name() : leads.leads().get(i).name();
			named.add(new ContactsRecipients.Recipient(r.contactId(), r.phone(), name, r.customFields(), r.optedOut(),
					r.duplicate(), "lead", r.input(), r.error()));
		}
		return new ContactsRecipients.Page(named, next);
	}

	private Progress write(Target target, Progress from, ContactsRecipients.Page page) {
		long seq = from.seq();
		long pending = from.pending();
		long optedOut = from.optedOut();
		long duplicates = from.duplicates();
		long invalid = from.invalid();
		List<CampaignRecipient> batch = new ArrayList<>(page.recipients().size());
		Instant now = Instant.now();
		for (ContactsRecipients.Recipient r : page.recipients()) {
			long position = seq++;
			if (r.duplicate()) {
				duplicates++;
				continue;
			}
			if (r.phone() == null) {
				invalid++;
				batch.add(recipient(target, position, target.campaignId() + ":#" + position, r, RecipientState.SKIPPED,
						"invalid", now));
				continue;
			}
			batch.add(recipient(target, position, CampaignRecipient.idOf(target.campaignId(), r.phone()), r,
					r.optedOut() ? RecipientState.SKIPPED : RecipientState.PENDING, r.optedOut() ? "opted_out" : null,
					now));
		}
		Map<String, CampaignRecipient> refused = this.store.insertNew(batch);
		for (CampaignRecipient recipient : batch) {
			boolean mine = !refused.containsKey(recipient.id()) || sameSeq(recipient);
			if (!mine) {
				// The number came earlier in the selection (another page): one recipient.
				duplicates++;
			}
			else if (!"invalid".equals(recipient.reason())) {
				if (recipient.state() == RecipientState.PENDING) {
					pending++;
				}
				else {
					optedOut++;
				}
			}
		}
		return new Progress(page.nextCursor(), page.nextCursor() == null, seq, pending, optedOut, duplicates, invalid);
	}

	private CampaignRecipient recipient(Target target, long seq, String id, ContactsRecipients.Recipient r,
			RecipientState state, String reason, Instant now) {
		String text = Personalisation.fill(target.text(), r.name(), r.phone(), r.customFields(), target.fallbacks());
		// A template's variables go to Meta by name, each with the recipient's value.
		Map<String, String> parameters = target.template()
				? Personalisation.values(target.text(), r.name(), r.phone(), r.customFields(), target.fallbacks())
				: null;
		return new CampaignRecipient(id, target.campaignId(), target.scope().tenantId(), target.scope().environment(),
				seq, r.phone(), r.input(), r.contactId(), r.name(), text, target.mediaUrl(), state, reason, null, now,
				null, null, null, null, null, null, parameters);
	}

	/**
	 * Whether the stored recipient of this id is this one, written by an earlier attempt.
	 */
	private boolean sameSeq(CampaignRecipient recipient) {
		return this.store.holds(recipient.id(), recipient.seq());
	}

}
