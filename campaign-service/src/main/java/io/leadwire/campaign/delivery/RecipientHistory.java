package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;

/**
 * The campaign messages each person was handed lately, per tenant and live/test (the
 * {@code recipient_history} collection: one document per number, read by id, holding the
 * campaigns of the frequency cap's window). A campaign's message is admitted when fewer
 * than the cap were handed in the window, and recorded by a write conditional on the
 * document's version, so two lanes handing the same person a message at once never both
 * pass the cap. A campaign is recorded once per person: its recipient handed again (a
 * hand-over retried) is admitted again without counting twice.
 */
@Repository
class RecipientHistory {

	private static final int ATTEMPTS = 10;

	private final MongoOperations mongo;

	RecipientHistory(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Which of these numbers (E.164) may be handed a message of {@code campaignId} at
	 * {@code now} under {@code cap}; those admitted are recorded.
	 */
	Map<String, Boolean> admit(TenantScope scope, long campaignId, List<String> phones, FrequencyCap cap, Instant now) {
		Map<String, Boolean> admitted = new LinkedHashMap<>();
		Map<String, Person> people = read(scope, phones);
		for (String phone : phones) {
			admitted.put(phone, admitOne(scope, campaignId, phone, people.get(phone), cap, now));
		}
		return admitted;
	}

	/** How many of these numbers are at the cap at {@code now} (a campaign's preview). */
	long atCap(TenantScope scope, List<String> phones, FrequencyCap cap, Instant now) {
		Instant since = now.minus(cap.window());
		return read(scope, phones).values()
			.stream()
			.filter((person) -> recent(person, since).size() >= cap.messages())
			.count();
	}

	private boolean admitOne(TenantScope scope, long campaignId, String phone, Person person, FrequencyCap cap,
			Instant now) {
		Instant since = now.minus(cap.window());
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			List<Sent> recent = recent(person, since);
			if (recent.stream().anyMatch((sent) -> sent.campaignId() == campaignId)) {
				return true;
			}
			if (recent.size() >= cap.messages()) {
				return false;
			}
			List<Sent> kept = new ArrayList<>(recent);
			kept.add(new Sent(campaignId, now));
			String id = Person.idOf(scope, phone);
			if (person == null) {
				try {
					this.mongo.insert(new Person(id, kept, 1));
					return true;
				}
				catch (DuplicateKeyException ex) {
					person = this.mongo.findById(id, Person.class);
					continue;
				}
			}
			if (this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(person.version())),
						new Update().set("sends", kept).inc("version", 1), Person.class)
				.getModifiedCount() == 1) {
				return true;
			}
			person = this.mongo.findById(id, Person.class);
		}
		// Contended beyond reason: not this pass; the recipient stays pending.
		throw new IllegalStateException("The frequency cap of a recipient is contended; retried on the next pass");
	}

	private Map<String, Person> read(TenantScope scope, List<String> phones) {
		Map<String, String> phoneById = new HashMap<>();
		for (String phone : phones) {
			phoneById.put(Person.idOf(scope, phone), phone);
		}
		Map<String, Person> people = new HashMap<>();
		for (Person person : this.mongo.find(Query.query(Criteria.where("_id").in(phoneById.keySet())), Person.class)) {
			people.put(phoneById.get(person.id()), person);
		}
		return people;
	}

	private static List<Sent> recent(Person person, Instant since) {
		return (person == null || person.sends() == null) ? List.of()
				: person.sends().stream().filter((sent) -> sent.at().isAfter(since)).toList();
	}

	/** One person's campaign messages within the cap's window. */
	@Document("recipient_history")
	record Person(@Id String id, List<Sent> sends, long version) {

		static String idOf(TenantScope scope, String phone) {
			return scope.tenantId() + ":" + scope.environment().name() + ":" + phone;
		}

	}

	/** A campaign's message handed to the person at {@code at}. */
	record Sent(long campaignId, Instant at) {
	}

}
