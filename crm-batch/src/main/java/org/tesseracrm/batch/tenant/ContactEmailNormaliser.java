package org.tesseracrm.batch.tenant;

import org.tesseracrm.contact.boundary.ContactHygiene;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Runs {@link ContactHygiene#normaliseEmails} for the tenant named by the job parameter {@code tenant}. */
@Named("contactEmailNormaliser")
@Dependent
public class ContactEmailNormaliser extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    TenantRegistry registry;

    @Inject
    ContactHygiene hygiene;

    @Override
    public String process() {
        String slug = TenantJobs.tenantParameter(job);
        // the registry, not the parameter, decides the schema; a tenant suspended meanwhile is left alone
        Tenant tenant = registry.find(slug).filter(t -> t.status().isServed())
                .orElseThrow(() -> new IllegalStateException("tenant " + slug + " is not active"));
        String changed = "changed=" + hygiene.normaliseEmails(tenant);
        job.setExitStatus(changed);
        return changed;
    }
}
