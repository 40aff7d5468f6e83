package io.leadwire.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The API reference without a key (docs/api.md §8): the document at
 * {@code /v1/openapi.json} and Swagger UI at {@code /docs}, its files served from the
 * swagger-ui webjar so the page works offline.
 */
@RestController
@Configuration(proxyBeanMethods = false)
class ApiReferenceController {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private final ApiReference reference;

	private final byte[] page = bytes("docs/index.html");

	private final byte[] script = bytes("docs/reference.js");

	ApiReferenceController(ApiReference reference) {
		this.reference = reference;
	}

	@GetMapping("/v1/openapi.json")
	Mono<ResponseEntity<byte[]>> document() {
		return this.reference.document()
			.map((body) -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body));
	}

	/**
	 * Scripts, styles, images and requests only from this gateway, no inline script,
	 * never in a frame. Swagger UI sets inline {@code style} attributes (React), hence
	 * {@code 'unsafe-inline'} for styles only, and draws a few icons from {@code data:}
	 * URLs.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	@GetMapping({ "/docs", "/docs/" })
	ResponseEntity<byte[]> page() {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Frame-Options", "DENY")
			.header("Referrer-Policy", "no-referrer")
			.body(this.page);
	}

	@GetMapping("/docs/reference.js")
	ResponseEntity<byte[]> script() {
		return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache()).body(this.script);
	}

	/** Swagger UI's own files, from the webjar of the version the build brought. */
	@Bean
	RouterFunction<ServerResponse> swaggerUiAssets() {
		Properties webjar = new Properties();
		try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties")
			.getInputStream()) {
			webjar.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return RouterFunctions.resources("/docs/assets/**",
				new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version") + "/"));
	}

	private static byte[] bytes(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return StreamUtils.copyToByteArray(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
