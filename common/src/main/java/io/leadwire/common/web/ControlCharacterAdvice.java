package io.leadwire.common.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ControlCharacters;
import tools.jackson.databind.JsonNode;

/**
 * Refuses control characters (NUL and the other C0 controls but tab, line feed and
 * carriage return, and DEL) anywhere in a JSON request body, keys included: 422 naming
 * the field. They are never meant in names, emails or messages, and once stored they
 * break exports, logs and the screens that show them. Checked on the bound value
 * (records, collections, maps, or a {@link JsonNode}), so every endpoint of every service
 * gets it without a rule per field.
 */
@ControllerAdvice
public class ControlCharacterAdvice extends RequestBodyAdviceAdapter {

	private static final int MAX_DEPTH = 32;

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		check(body, "", 0);
		return body;
	}

	private static void check(Object value, String path, int depth) {
		if (value == null || depth > MAX_DEPTH) {
			return;
		}
		if (value instanceof CharSequence text) {
			refuseControls(text, path);
		}
		else if (value instanceof java.util.Optional<?> optional) {
			check(optional.orElse(null), path, depth + 1);
		}
		else if (value instanceof JsonNode node) {
			checkNode(node, path, depth);
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> {
				String at = join(path, String.valueOf(key));
				check(key, at, depth + 1);
				check(item, at, depth + 1);
			});
		}
		else if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				check(item, path + "[" + i++ + "]", depth + 1);
			}
		}
		else if (value.getClass().isRecord()) {
			for (RecordComponent component : value.getClass().getRecordComponents()) {
				try {
					java.lang.reflect.Method accessor = component.getAccessor();
					accessor.trySetAccessible(); // request records are package-private
					check(accessor.invoke(value), join(path, component.getName()), depth + 1);
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private static void checkNode(JsonNode node, String path, int depth) {
		if (node.isString()) {
			refuseControls(node.asString(), path);
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String at = join(path, entry.getKey());
				refuseControls(entry.getKey(), at);
				check(entry.getValue(), at, depth + 1);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]", depth + 1);
			}
		}
	}

	private static void refuseControls(CharSequence text, String path) {
		int index = ControlCharacters.indexIn(text);
		if (index >= 0) {
			throw ApiException.validation(path.isEmpty() ? "body" : abbreviate(path),
					ControlCharacters.message(text, index));
		}
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	private static String abbreviate(String path) {
		return (path.length() > 200) ? path.substring(0, 200) + "…" : path;
	}

}
