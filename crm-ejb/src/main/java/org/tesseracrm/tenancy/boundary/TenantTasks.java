package org.tesseracrm.tenancy.boundary;

import java.util.function.Supplier;

import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/**
 * The one place that sets the tenant for work no request carries (the mailbox poller): a fresh request context per
 * call, the tenant entered in it, and gone when the call returns. Requests enter their tenant in the web layer's
 * {@code TenantAdmission}; nothing else calls {@link CurrentTenant#enter}.
 */
@ApplicationScoped
public class TenantTasks {

    @Inject
    CurrentTenant currentTenant;

    /** Runs {@code work} as the tenant's; the boundaries it calls see that tenant as the current one. */
    @ActivateRequestContext
    public <T> T inTenant(Tenant tenant, Supplier<T> work) {
        currentTenant.enter(tenant);
        return work.get();
    }
}
