package org.tesseracrm.tenancy.boundary;

import java.util.Optional;

import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant of the current request. It is entered exactly once per request, by the web layer's tenant filter (the one
 * place that sets the tenant); everything else only reads it. Request scope means it cannot leak into the next request
 * that reuses the thread.
 */
@RequestScoped
public class CurrentTenant {

    private Tenant tenant;

    /** Binds the request to a tenant; a second call with another tenant is a programming error. */
    public void enter(Tenant resolved) {
        if (tenant != null && !tenant.slug().equals(resolved.slug())) {
            throw new IllegalStateException("the request's tenant is already " + tenant.slug());
        }
        tenant = resolved;
    }

    /** The tenant, if this request has one (apex-host requests have none). */
    public Optional<Tenant> get() {
        return Optional.ofNullable(tenant);
    }

    /** The tenant, for code that only runs on tenant hosts. */
    public Tenant require() {
        return get().orElseThrow(() -> new IllegalStateException("this request has no tenant"));
    }
}
