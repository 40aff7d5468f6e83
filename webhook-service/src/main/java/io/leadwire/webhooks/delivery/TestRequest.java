package io.leadwire.webhooks.delivery;

import jakarta.validation.constraints.Size;

/**
 * @param message a text carried in the test event's {@code data.message} (at most 500
 * characters)
 */
public record TestRequest(@Size(max = 500) String message) {

}
