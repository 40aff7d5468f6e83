package io.leadwire.console.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One message of any of the API's types, as the session page's form writes it: the fields
 * a type does not use are ignored; lists (poll options, buttons, list rows, template
 * parameters) are one per line. The API checks what each type needs and its field errors
 * are shown beside these fields (the API's names are the form's).
 */
record SendForm(@NotBlank(message = "who to send to") @Size(max = 40) String to,
		@NotBlank @Pattern(regexp = "text|image|video|document|sticker|location|contact|poll|buttons|list|template",
				message = "not a message type") String type,
		@Size(max = 4096) String text, @Size(max = 2048) String mediaUrl, @Size(max = 1024) String caption,
		@Size(max = 32) String latitude, @Size(max = 32) String longitude, @Size(max = 200) String name,
		@Size(max = 40) String phone, @Size(max = 255) String question, @Size(max = 4000) String options,
		@Size(max = 1000) String buttons, @Size(max = 60) String footer, @Size(max = 60) String title,
		@Size(max = 20) String buttonText, @Size(max = 4000) String rows, @Size(max = 512) String templateName,
		@Size(max = 15) String language, @Size(max = 4000) String parameters) {

	static final List<String> TYPES = List.of("text", "image", "video", "document", "sticker", "location", "contact",
			"poll", "buttons", "list", "template");

	static SendForm empty() {
		return new SendForm("", "text", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "en", "");
	}

	/**
	 * The API's body for {@code POST /v1/messages}, with only the fields this type uses.
	 */
	Map<String, Object> body(String sessionId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("session_id", sessionId);
		body.put("to", this.to.strip());
		body.put("type", this.type);
		switch (this.type) {
			case "text" -> body.put("text", this.text);
			case "image", "video", "document", "sticker" -> {
				body.put("media_url", this.mediaUrl);
				body.put("caption", blankToNull(this.caption));
			}
			case "location" -> {
				body.put("latitude", this.latitude);
				body.put("longitude", this.longitude);
				// The place's name: the API's location title.
				body.put("title", blankToNull(this.name));
			}
			case "contact" -> {
				body.put("name", this.name);
				body.put("phone", this.phone);
			}
			case "poll" -> {
				body.put("question", this.question);
				body.put("options", lines(this.options));
			}
			case "buttons" -> {
				body.put("text", this.text);
				body.put("buttons", lines(this.buttons));
				body.put("footer", blankToNull(this.footer));
			}
			case "list" -> {
				body.put("title", this.title);
				body.put("description", this.text);
				body.put("buttonText", this.buttonText);
				List<Map<String, Object>> rowList = new java.util.ArrayList<>();
				List<String> titles = lines(this.rows);
				for (int i = 0; i < titles.size(); i++) {
					rowList.add(Map.of("id", "row-" + (i + 1), "title", titles.get(i)));
				}
				body.put("sections", List.of(Map.of("title",
						(this.title == null || this.title.isBlank()) ? "Options" : this.title, "rows", rowList)));
			}
			case "template" -> {
				body.put("template_name", this.templateName);
				body.put("language", this.language);
				body.put("parameters", lines(this.parameters));
			}
			default -> {
			}
		}
		body.values().removeIf(java.util.Objects::isNull);
		return body;
	}

	/**
	 * The API's field names for this type mapped to the form's, so that each of its field
	 * errors shows beside the field it is about.
	 */
	Map<String, String> formFields() {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String field : List.of("to", "type", "text", "mediaUrl", "caption", "latitude", "longitude", "name",
				"phone", "question", "options", "buttons", "footer", "title", "buttonText", "templateName", "language",
				"parameters")) {
			fields.put(field, field);
		}
		fields.put("description", "text");
		fields.put("sections", "rows");
		if (this.type.equals("location")) {
			fields.put("title", "name");
		}
		return fields;
	}

	private static List<String> lines(String value) {
		return (value == null) ? List.of()
				: Arrays.stream(value.split("\\R")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
