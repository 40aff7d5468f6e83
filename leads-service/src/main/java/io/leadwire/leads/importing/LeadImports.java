package io.leadwire.leads.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.leads.lead.LeadStore;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Lead imports: the shared import machinery ({@link CsvImports}: spooling, the upload
 * check, jobs with leases, resume) with the leads' own reading of a row
 * ({@link LeadCsvHeader}) and writes ({@link MongoLeadSink}). Jobs live in
 * {@value #COLLECTION}.
 */
@Service
class LeadImports {

	static final String COLLECTION = "lead_imports";

	private final CsvImports<LeadDraft, LeadStore.NewLead> imports;

	private final PhoneNumbers phones;

	LeadImports(MongoOperations mongo, IdAllocator ids, PhoneNumbers phones, LeadStore store, ObjectMapper json,
			@Value("${leadwire.leads.import.spool-dir:${java.io.tmpdir}/leadwire/lead-imports}") Path spool,
			@Value("${leadwire.leads.import.workers:1}") int workers,
			@Value("${leadwire.leads.import.retry-delay:2s}") Duration retryDelay, JobLeases leases)
			throws IOException {
		this.phones = phones;
		this.imports = new CsvImports<>("lead-import", mongo, COLLECTION, leases, ids, spool, workers, retryDelay,
				new MongoLeadSink(store, ids, json),
				(header, job) -> LeadCsvHeader.parse(header)
					.reading(phones.inRegion(job.region(), "region"), job.scope()),
				new CsvImports.Completion(io.leadwire.leads.lead.LeadEvents.TOPIC, "leads", json));
	}

	/**
	 * Spools, checks and queues an upload; a file the import could not finish is a 422.
	 * Phones without a country code are read in {@code region} (null: the default).
	 */
	ImportJob start(TenantScope scope, MultipartFile file, ImportMode mode, String region) throws IOException {
		String phoneRegion = this.phones.inRegion(region, "region").defaultRegion();
		return this.imports.start(scope, file, mode, phoneRegion, null);
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

	@PreDestroy
	void stop() throws InterruptedException {
		this.imports.close();
	}

}
