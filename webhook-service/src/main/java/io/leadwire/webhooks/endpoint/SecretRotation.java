package io.leadwire.webhooks.endpoint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A secret rotation.
 *
 * @param gracePeriodSeconds how long the previous secret keeps signing beside the new one
 * (0 to 604,800, i.e. seven days; 86,400 when not given)
 */
public record SecretRotation(@Min(0) @Max(604_800) Long gracePeriodSeconds) {

}
