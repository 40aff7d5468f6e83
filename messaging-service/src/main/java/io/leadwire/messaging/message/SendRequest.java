package io.leadwire.messaging.message;

import java.util.List;

/**
 * A send as the legacy examples and docs/api.md §5 write it ({@code session_id},
 * {@code to} without {@code +}, {@code type} and the type's fields; snake_case or
 * camelCase). Numbers may be sent as JSON numbers or strings
 * ({@code "latitude": "-1.2841"}). Which fields a type needs is {@link MessageRules}'.
 */
record SendRequest(Long sessionId, String to, String type, String message, String text, String mediaUrl, String caption,
		String latitude, String longitude, String name, String phone, String question, List<String> options,
		List<String> buttons, String footer, String title, String description, String buttonText,
		List<SectionRequest> sections, String templateName, String language, List<String> parameters) {

	record SectionRequest(String title, List<RowRequest> rows) {
	}

	record RowRequest(String id, String title, String description) {
	}

}
