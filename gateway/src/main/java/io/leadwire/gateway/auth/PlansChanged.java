package io.leadwire.gateway.auth;

/**
 * apikey-service announced a change to a plan or to a tenant's own limits: the plan table
 * ({@code io.leadwire.gateway.limits.PlanTable}) loads itself again. A Spring application
 * event, so the key-event listener needs no knowledge of rate limits.
 */
public record PlansChanged(String type) {
}
