package io.leadwire.common.id;

/**
 * Hands out internal ids, unique across every replica of a service and below
 * {@link IdCodec#MAX_ID}.
 */
@FunctionalInterface
public interface IdAllocator {

	long next();

}
