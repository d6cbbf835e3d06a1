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
 * suspend, resume, delete or restore one. The control plane re-checks everything (reserved names included) when it
 * executes.
 */
@ApplicationScoped
public class TenantAdministration {

    /** The default grace period of a deletion: a month to notice a mistake. */
    public static final int DEFAULT_GRACE_DAYS = 30;

    /** At least a day, so that no request from a screen or script removes a tenant's data at once. */
    static final int MIN_GRACE_DAYS = 1;

    static final int MAX_GRACE_DAYS = 365;

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

    /** Resumes a suspended tenant, or restores a deleted one whose grace period is not over yet. */
    public ControlRequest requestResumption(String slug, String requestedBy) {
        Tenant tenant = existing(slug);
        if (tenant.status() != TenantStatus.SUSPENDED && tenant.status() != TenantStatus.DELETED) {
            throw new Conflict("tenant-not-suspended", "tenant '" + slug + "' is " + tenant.status());
        }
        return controlRequests.submit(ControlRequestKind.RESUME_TENANT, slug, JSON.createObjectBuilder().build(),
                requestedBy);
    }

    /**
     * Deletes a tenant: its people and integrations are disabled at once, its data is kept for {@code graceDays}
     * (resumption restores it meanwhile), then the control plane's purge removes it for good.
     */
    public ControlRequest requestDeletion(String slug, int graceDays, String requestedBy) {
        if (graceDays < MIN_GRACE_DAYS || graceDays > MAX_GRACE_DAYS) {
            throw new InvalidInput("graceDays", "must be " + MIN_GRACE_DAYS + " to " + MAX_GRACE_DAYS + " days");
        }
        Tenant tenant = existing(slug);
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
            throw new Conflict("tenant-not-deletable", "tenant '" + slug + "' is " + tenant.status()
                    + "; only an active or suspended tenant can be deleted");
        }
        return controlRequests.submit(ControlRequestKind.DELETE_TENANT, slug,
                JSON.createObjectBuilder().add("graceDays", graceDays).build(), requestedBy);
    }

    private Tenant existing(String slug) {
        return registry.all().stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFound("tenant " + slug));
    }
}
