package org.tesseracrm.web.console.operator;

import java.util.List;

import org.tesseracrm.tenancy.boundary.TenantAdministration;
import org.tesseracrm.web.api.platform.TenantResponse;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The operator console's tenant list, from the same boundary as {@code GET /api/v1/platform/tenants}. */
@Named("tenants")
@RequestScoped
public class TenantsPage {

    @Inject
    TenantAdministration administration;

    private List<TenantResponse> all;

    public List<TenantResponse> getAll() {
        if (all == null) {
            all = administration.all().stream().map(TenantResponse::of).toList();
        }
        return all;
    }
}
