package org.tesseracrm.tenancy.entity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant as the data plane sees it: its slug, display name, status, the schema that holds its data and its
 * rate-limit plan. The schema
 * name only ever comes from the registry, never from request input.
 */
public record Tenant(String slug, String name, TenantStatus status, String schema, RateLimitPlan plan) {

    private static final Pattern SCHEMA = Pattern.compile("^t_[a-z][a-z0-9_]{1,29}$");

    public Tenant {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(plan, "plan");
        if (!SCHEMA.matcher(schema).matches()) { // it is spliced into SQL: refuse anything but t_<slug>
            throw new IllegalArgumentException("not a tenant schema name: " + schema);
        }
    }
}
