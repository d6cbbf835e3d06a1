package org.tesseracrm.web.api.platform;

import org.tesseracrm.tenancy.entity.Tenant;

/** A tenant as operators see it (the schema is an internal detail and not shown). */
public record TenantResponse(String slug, String name, String status) {

    public static TenantResponse of(Tenant tenant) {
        return new TenantResponse(tenant.slug(), tenant.name(), tenant.status().name());
    }
}
