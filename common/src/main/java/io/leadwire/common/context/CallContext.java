package io.leadwire.common.context;

import java.util.function.Supplier;

/**
 * The context calls to other services carry when no request is being served (a job, a
 * scheduler, a Kafka consumer): the work names the tenant it acts for and the calls it
 * makes meanwhile are signed afresh for that tenant, never with a header left over from
 * some earlier request.
 */
public final class CallContext {

	private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

	private CallContext() {
	}

	/** Runs {@code work} with calls signed as {@code context}. */
	public static <T> T as(RequestContext context, Supplier<T> work) {
		RequestContext previous = CURRENT.get();
		CURRENT.set(context);
		try {
			return work.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/** The context work on this thread acts in, or null. */
	public static RequestContext current() {
		return CURRENT.get();
	}

}
