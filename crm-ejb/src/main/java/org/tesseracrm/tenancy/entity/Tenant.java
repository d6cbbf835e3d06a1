package org.tesseracrm.tenancy.entity;

import java.util.Objects;

/**
 * A tenant as the data plane sees it: its slug, display name, status and the schema that holds its data. The schema
 * name only ever comes from the registry, never from request input.
 */
public record Tenant(String slug, String name, TenantStatus status, String schema) {

    public Tenant {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(schema, "schema");
    }
}
