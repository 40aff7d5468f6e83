package io.leadwire.contacts.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.importing.CsvImports;
import io.leadwire.common.importing.ImportJob;
import io.leadwire.common.importing.ImportMode;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.contacts.contact.ContactFields;
import io.leadwire.contacts.contact.ContactStore;
import io.leadwire.contacts.contact.Suppressions;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Contacts imports: the shared import machinery ({@link CsvImports}) with the contacts'
 * reading of a row ({@link ContactCsvHeader}) and writes ({@link MongoContactSink}),
 * upserting on the phone. Jobs live in {@value #COLLECTION}; the group rows join is kept
 * on the job ({@value #GROUP_ID}), so a replica that resumes it joins the same one.
 */
@Service
class ContactImports {

	static final String COLLECTION = "contact_imports";

	static final String GROUP_ID = "groupId";

	private final CsvImports<ContactFields, Document> imports;

	private final PhoneNumbers phones;

	ContactImports(MongoOperations mongo, IdAllocator ids, PhoneNumbers phones, ContactStore store,
			Suppressions suppressions, ObjectMapper json,
			@Value("${leadwire.contacts.import.spool-dir:${java.io.tmpdir}/leadwire/contact-imports}") Path spool,
			@Value("${leadwire.contacts.import.workers:1}") int workers,
			@Value("${leadwire.contacts.import.retry-delay:2s}") Duration retryDelay, JobLeases leases)
			throws IOException {
		this.phones = phones;
		this.imports = new CsvImports<>("contact-import", mongo, COLLECTION, leases, ids, spool, workers, retryDelay,
				new MongoContactSink(store, suppressions, ids),
				(header, job) -> ContactCsvHeader.parse(header)
					.reading(phones.inRegion(job.region(), "region"), job.scope(), groupOf(job), json),
				new CsvImports.Completion(io.leadwire.contacts.contact.ContactEvents.TOPIC, "contacts", json));
	}

	ImportJob start(TenantScope scope, MultipartFile file, ImportMode mode, String region, Long groupId)
			throws IOException {
		String phoneRegion = this.phones.inRegion(region, "region").defaultRegion();
		return this.imports.start(scope, file, mode, phoneRegion, (groupId != null) ? Map.of(GROUP_ID, groupId) : null);
	}

	Optional<ImportJob> find(TenantScope scope, long id) {
		return this.imports.find(scope, id);
	}

	List<ImportJob> list(TenantScope scope, PageRequest page) {
		return this.imports.list(scope, page);
	}

	long count(TenantScope scope) {
		return this.imports.count(scope);
	}

	static Long groupOf(ImportJob job) {
		Object group = (job.options() != null) ? job.options().get(GROUP_ID) : null;
		return (group instanceof Number number) ? number.longValue() : null;
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.imports.close();
	}

}
