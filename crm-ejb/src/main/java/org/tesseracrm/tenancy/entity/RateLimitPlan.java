package org.tesseracrm.tenancy.entity;

/**
 * A tenant's API budget from the registry's {@code platform.plan}: token buckets for the whole tenant and for each of
 * its API clients, as a sustained rate per minute and a burst.
 */
public record RateLimitPlan(String name, int requestsPerMinute, int burst, int clientRequestsPerMinute,
        int clientBurst) {

    /** What a tenant gets when the registry names no plan (rows written before plans existed). */
    public static final RateLimitPlan STANDARD = new RateLimitPlan("standard", 60_000, 5_000, 30_000, 2_500);
}
