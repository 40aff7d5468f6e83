package io.leadwire.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for tests that talk to a real server, as a client would.
 */
public final class HttpJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final Consumer<Response> observer;

	public HttpJson(String baseUrl) {
		this(baseUrl, (response) -> {
		});
	}

	/**
	 * A client that shows every response to {@code observer} (suites that check all
	 * traffic).
	 */
	public HttpJson(String baseUrl, Consumer<Response> observer) {
		this.baseUrl = baseUrl;
		this.observer = observer;
	}

	public HttpJson header(String name, String value) {
		HttpJson copy = new HttpJson(this.baseUrl, this.observer);
		copy.headers.putAll(this.headers);
		copy.headers.put(name, value);
		return copy;
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response post(String path, Object body) {
		return send("POST", path, body);
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body);
	}

	public Response patch(String path, Object body) {
		return send("PATCH", path, body);
	}

	/**
	 * A multipart/form-data POST with one file part named {@code file}, plus text fields.
	 */
	public Response upload(String path, String fileName, String content, Map<String, String> fields) {
		return upload(path, fileName, HttpRequest.BodyPublishers.ofString(content), fields);
	}

	/** As {@link #upload(String, String, String, Map)}, the file's bytes streamed. */
	public Response upload(String path, String fileName, HttpRequest.BodyPublisher content,
			Map<String, String> fields) {
		String boundary = "leadwire" + Long.toHexString(System.nanoTime());
		StringBuilder head = new StringBuilder();
		fields.forEach((name, value) -> head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: text/csv\r\n\r\n");
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
				HttpRequest.BodyPublishers.ofString(head.toString()), content,
				HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60));
		this.headers.forEach(request::header);
		request.header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body);
		return exchange(request, "POST", path);
	}

	public Response send(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		this.headers.forEach(request::header);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String text = (body instanceof String raw) ? raw : JSON.writeValueAsString(body);
			if (this.headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
				request.header("Content-Type", "application/json");
			}
			request.method(method, HttpRequest.BodyPublishers.ofString(text));
		}
		return exchange(request, method, path);
	}

	private Response exchange(HttpRequest.Builder request, String method, String path) {
		try {
			HttpResponse<String> raw = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Response response = new Response(raw.statusCode(), raw.body(), raw);
			this.observer.accept(response);
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	public record Response(int status, String body, HttpResponse<String> raw) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public JsonNode data() {
			return json().get("data");
		}

		public String code() {
			JsonNode code = json().get("code");
			return (code == null) ? null : code.asString();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

}
