package io.leadwire.contacts.importing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.leadwire.common.importing.ImportJob;
import io.leadwire.common.importing.ImportJobView;

/**
 * A contacts import as the API shows it: a job (docs/api.md "Jobs") and the group it
 * fills.
 */
record ContactImportView(@JsonUnwrapped ImportJobView job, Long groupId) {

	static ContactImportView of(ImportJob job) {
		return new ContactImportView(ImportJobView.of(job), ContactImports.groupOf(job));
	}

}
