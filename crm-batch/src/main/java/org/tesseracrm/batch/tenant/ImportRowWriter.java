package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.List;

import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Writes a chunk of an import's rows in the chunk's transaction ({@link RecordImports#writeChunk}). */
@Named("importRowWriter")
@Dependent
public class ImportRowWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    RecordImports imports;

    private Tenant tenant;
    private ImportPlan plan;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        java.util.UUID importId = TenantJobs.importParameter(job);
        // the reader, opened first, has attached this run to the import already
        plan = tenantTasks.inTenant(tenant, () -> imports.progress(importId).plan());
    }

    @Override
    public void writeItems(List<Object> items) {
        List<Row> rows = items.stream().map(Row.class::cast).toList();
        tenantTasks.inTenant(tenant, () -> imports.writeChunk(plan, rows));
    }
}
