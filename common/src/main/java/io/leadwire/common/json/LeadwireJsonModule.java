package io.leadwire.common.json;

import java.time.Instant;

import tools.jackson.databind.module.SimpleModule;

/**
 * The one Jackson setup every service reads requests with: snake_case aliases for every
 * property and lenient timestamps (docs/api.md §1, "Field names").
 */
public class LeadwireJsonModule extends SimpleModule {

	public LeadwireJsonModule() {
		super("leadwire-json");
		addDeserializer(Instant.class, new LenientInstantDeserializer());
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.insertAnnotationIntrospector(new SnakeCaseAliases());
	}

}
