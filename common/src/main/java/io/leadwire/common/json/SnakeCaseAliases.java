package io.leadwire.common.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

/**
 * Gives every camelCase property its snake_case name as an alias, so that request bodies
 * of the older APIs ({@code media_url}, {@code lead_ids}) bind to the same records.
 * Responses keep camelCase: aliases only apply when reading. Declared
 * {@link JsonAlias @JsonAlias} names are kept too.
 */
public final class SnakeCaseAliases extends NopAnnotationIntrospector {

	SnakeCaseAliases() {
	}

	@Override
	public List<PropertyName> findPropertyAliases(MapperConfig<?> config, Annotated annotated) {
		List<PropertyName> aliases = new ArrayList<>(2);
		JsonAlias declared = annotated.getAnnotation(JsonAlias.class);
		if (declared != null) {
			for (String alias : declared.value()) {
				aliases.add(PropertyName.construct(alias));
			}
		}
		String name = propertyName(annotated);
		if (name != null) {
			String snake = snakeCase(name);
			if (!snake.equals(name)) {
				aliases.add(PropertyName.construct(snake));
			}
		}
		return aliases.isEmpty() ? null : aliases;
	}

	private static String propertyName(Annotated annotated) {
		if (annotated instanceof AnnotatedField field) {
			return field.getName();
		}
		if (annotated instanceof AnnotatedMethod method) {
			String name = method.getName();
			return (name.length() > 3 && name.startsWith("set") && method.getParameterCount() == 1)
					? Character.toLowerCase(name.charAt(3)) + name.substring(4) : null;
		}
		if (annotated instanceof AnnotatedParameter parameter
				&& parameter.getOwner().getAnnotated() instanceof Constructor<?> constructor) {
			return parameterName(constructor, parameter.getIndex());
		}
		return null;
	}

	private static String parameterName(Constructor<?> constructor, int index) {
		RecordComponent[] components = constructor.getDeclaringClass().getRecordComponents();
		if (components != null && components.length == constructor.getParameterCount()) {
			return components[index].getName();
		}
		Parameter parameter = constructor.getParameters()[index];
		return parameter.isNamePresent() ? parameter.getName() : null;
	}

	/**
	 * {@code gatewaySessionId} → {@code gateway_session_id}: the older APIs' spelling.
	 */
	public static String snakeCase(String camel) {
		StringBuilder snake = new StringBuilder(camel.length() + 4);
		for (int i = 0; i < camel.length(); i++) {
			char c = camel.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					snake.append('_');
				}
				snake.append(Character.toLowerCase(c));
			}
			else {
				snake.append(c);
			}
		}
		return snake.toString();
	}

}
