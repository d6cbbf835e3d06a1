package org.tesseracrm.web.api.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.entity.RateLimitPlan;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.support.Callers;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Rate limits per tenant and per API client (the token's {@code azp}), from the tenant's plan in the registry: two
 * token buckets (Bucket4j) that a request must both pass. Every tenant response carries {@code RateLimit-Policy} and
 * {@code RateLimit} (IETF httpapi draft, structured fields) for the tighter of the two; a request over either budget
 * is 429 problem+json with {@code Retry-After}. Buckets live in this instance's memory: with N instances behind a
 * load balancer a tenant gets up to N times its plan (docs/api.md says how to share them when that matters).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 150)
public class RateLimits implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STATE = RateLimits.class.getName() + ".state";

    @Inject
    CurrentTenant currentTenant;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** What the request left in the tighter bucket, for the response headers. */
    private record Remaining(String policy, long limit, long windowSeconds, long remaining, long resetSeconds) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Tenant tenant = currentTenant.get().orElse(null);
        if (tenant == null || request.getSecurityContext().getUserPrincipal() == null) {
            // the apex, and anonymous requests (401 anyway): nobody may spend a tenant's budget without its token
            return;
        }
        RateLimitPlan plan = tenant.plan();
        String client = client(request);
        Bucket tenantBucket = bucket("t|" + tenant.slug() + "|" + plan, plan.requestsPerMinute(), plan.burst());
        Bucket clientBucket = bucket("c|" + tenant.slug() + "|" + client + "|" + plan,
                plan.clientRequestsPerMinute(), plan.clientBurst());
        ConsumptionProbe byClient = clientBucket.tryConsumeAndReturnRemaining(1);
        if (!byClient.isConsumed()) {
            refuse(request, "client", plan.clientRequestsPerMinute(), byClient);
            return;
        }
        ConsumptionProbe byTenant = tenantBucket.tryConsumeAndReturnRemaining(1);
        if (!byTenant.isConsumed()) {
            clientBucket.addTokens(1); // the client's token was not spent on a request that did not run
            refuse(request, "tenant", plan.requestsPerMinute(), byTenant);
            return;
        }
        request.setProperty(STATE, byClient.getRemainingTokens() <= byTenant.getRemainingTokens()
                ? remaining("client", plan.clientRequestsPerMinute(), byClient)
                : remaining("tenant", plan.requestsPerMinute(), byTenant));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof Remaining state) {
            headers(response, state);
        }
    }

    private void refuse(ContainerRequestContext request, String policy, int perMinute, ConsumptionProbe probe) {
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        Response.ResponseBuilder refused = Response.fromResponse(Problem.of("rate-limited", "Too Many Requests",
                Response.Status.TOO_MANY_REQUESTS, "This " + policy + " has used its budget of " + perMinute
                        + " requests a minute; retry after " + retryAfter + " s.",
                request.getUriInfo().getRequestUri().getPath()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .header("RateLimit-Policy", policyHeader(policy, perMinute))
                .header("RateLimit", "\"" + policy + "\";r=0;t=" + retryAfter);
        request.abortWith(refused.build());
    }

    private static Remaining remaining(String policy, int perMinute, ConsumptionProbe probe) {
        long missing = Math.max(0, perMinute - probe.getRemainingTokens());
        // seconds until the bucket is full again at the plan's rate
        long reset = (long) Math.ceil(missing * 60.0 / perMinute);
        return new Remaining(policy, perMinute, 60, probe.getRemainingTokens(), reset);
    }

    private static void headers(ContainerResponseContext response, Remaining state) {
        response.getHeaders().putSingle("RateLimit-Policy", policyHeader(state.policy(), state.limit()));
        response.getHeaders().putSingle("RateLimit", "\"" + state.policy() + "\";r=" + state.remaining() + ";t="
                + state.resetSeconds());
    }

    private static String policyHeader(String policy, long perMinute) {
        return "\"" + policy + "\";q=" + perMinute + ";w=60";
    }

    private Bucket bucket(String key, int perMinute, int burst) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
    }

    private static String client(ContainerRequestContext request) {
        return Callers.token(request.getSecurityContext().getUserPrincipal())
                .map(token -> token.client().orElse("user:" + token.name())).orElse("unknown");
    }
}
