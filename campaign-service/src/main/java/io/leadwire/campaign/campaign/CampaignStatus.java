package io.leadwire.campaign.campaign;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code draft → scheduled → running ⇄ paused → completed | cancelled | failed}. Only
 * draft and scheduled campaigns can be edited.
 */
enum CampaignStatus {

	DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean editable() {
		return this == DRAFT || this == SCHEDULED;
	}

	/** Running and paused campaigns are cancelled first, then deleted. */
	boolean deletable() {
		return this != RUNNING && this != PAUSED;
	}

}
