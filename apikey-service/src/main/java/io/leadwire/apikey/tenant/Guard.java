package io.leadwire.apikey.tenant;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint, checked by {@link GuardInterceptor} before the request body
 * is read or validated (a caller without the right learns nothing about the request's
 * shape). On a method it replaces its class's guard.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Guard {

	Who value();

	/**
	 * Whether sandbox (test) credentials may call it. Administration is never done with
	 * them: a test key is handed to code under development.
	 */
	boolean sandbox() default false;

	enum Who {

		/** Any credentials of the tenant. */
		MEMBER,

		/** The tenant's owners and admins (the acting user's role decides). */
		ADMIN,

		/** Platform administrators only. */
		PLATFORM_ADMIN

	}

}
