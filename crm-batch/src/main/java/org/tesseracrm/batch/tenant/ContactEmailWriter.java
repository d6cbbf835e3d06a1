package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.contact.boundary.ContactHygiene;
import org.tesseracrm.contact.boundary.ContactHygiene.ContactEmail;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Normalises the e-mail addresses of a chunk of contacts in the chunk's transaction; the job's exit status counts
 * what this run changed ({@code changed=N}).
 */
@Named("contactEmailWriter")
@Dependent
public class ContactEmailWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    ContactHygiene hygiene;

    private Tenant tenant;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job); // once per run, not per chunk (it reads the job's parameters)
    }

    @Override
    public void writeItems(List<Object> items) {
        List<UUID> ids = items.stream().map(item -> ((ContactEmail) item).id()).toList();
        hygiene.normaliseEmails(tenant, ids);
    }

    @Override
    public void close() {
        // this run's writes, from the runtime's own count (chunks that rolled back are not in it)
        job.setExitStatus("changed=" + TenantJobs.writeCount(step));
    }
}
