package org.tesseracrm.batch.tenant;

import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.imports.entity.ImportSummary;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Marks the import completed once every row is written; the exit status gives its counts. */
@Named("importFinishBatchlet")
@Dependent
public class ImportFinishBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    RecordImports imports;

    @Override
    public String process() {
        Tenant tenant = tenantJobs.activeTenant(job);
        java.util.UUID importId = TenantJobs.importParameter(job);
        ImportSummary done = tenantTasks.inTenant(tenant, () -> imports.finish(importId));
        String status = "created=" + done.rowsCreated() + " updated=" + done.rowsUpdated() + " skipped="
                + done.rowsSkipped() + " refused=" + done.rowsRefused();
        job.setExitStatus(status);
        return status;
    }
}
