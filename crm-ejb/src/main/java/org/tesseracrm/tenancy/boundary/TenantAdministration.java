package org.tesseracrm.tenancy.boundary;

import java.util.List;

import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.ControlRequestKind;
import org.tesseracrm.platform.entity.EmailAddress;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.tenancy.entity.TenantStatus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static org.tesseracrm.platform.entity.JsonValues.JSON;

/**
 * What platform operators do with tenants from the data plane: list them, and ask the control plane to provision,
 * suspend or resume one. The control plane re-checks everything (reserved names included) when it executes.
 */
@ApplicationScoped
public class TenantAdministration {

    @Inject
    TenantRegistry registry;

    @Inject
    ControlRequests controlRequests;

    public List<Tenant> all() {
        return registry.all();
    }

    public ControlRequest requestProvisioning(String slug, String name, String adminEmail, boolean sampleData,
            String requestedBy) {
        if (slug == null || !TenantHosts.SLUG.matcher(slug).matches()) {
            throw new InvalidInput("slug", "must be 2 to 30 lower-case letters, digits or '-', starting with a letter");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInput("name", "must be 1 to 200 characters");
        }
        String admin = EmailAddress.require("adminEmail", adminEmail);
        if (registry.all().stream().anyMatch(t -> t.slug().equals(slug))) {
            throw new Conflict("tenant-exists", "tenant '" + slug + "' already exists");
        }
        return controlRequests.submit(ControlRequestKind.PROVISION_TENANT, slug, JSON.createObjectBuilder()
                .add("name", name.strip()).add("adminEmail", admin).add("sampleData", sampleData).build(),
                requestedBy);
    }

    public ControlRequest requestSuspension(String slug, String requestedBy) {
        Tenant tenant = existing(slug);
        if (tenant.status() != TenantStatus.ACTIVE) {
            throw new Conflict("tenant-not-active", "tenant '" + slug + "' is " + tenant.status());
        }
        return controlRequests.submit(ControlRequestKind.SUSPEND_TENANT, slug, JSON.createObjectBuilder().build(),
                requestedBy);
    }

    public ControlRequest requestResumption(String slug, String requestedBy) {
        Tenant tenant = existing(slug);
        if (tenant.status() != TenantStatus.SUSPENDED) {
            throw new Conflict("tenant-not-suspended", "tenant '" + slug + "' is " + tenant.status());
        }
        return controlRequests.submit(ControlRequestKind.RESUME_TENANT, slug, JSON.createObjectBuilder().build(),
                requestedBy);
    }

    private Tenant existing(String slug) {
        return registry.all().stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFound("tenant " + slug));
    }
}
