package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads an import's staged rows in line order, a page at a time, from the import's own checkpoint (the line its last
 * written chunk ended at, which commits with that chunk), not from the job repository's: that one is stored before
 * the chunk commits and may be a chunk ahead or behind; {@link RecordImports#writeChunk} skips rows already written.
 */
@Named("importRowReader")
@Dependent
public class ImportRowReader extends AbstractItemReader {

    private static final int PAGE = 1000;

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    RecordImports imports;

    private Tenant tenant;
    private java.util.UUID importId;
    private long lastRead;
    private final Deque<Row> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        importId = TenantJobs.importParameter(job);
        long executionId = job.getExecutionId();
        lastRead = tenantTasks.inTenant(tenant, () -> imports.attach(importId, executionId).lastLine());
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            long after = lastRead;
            page.addAll(tenantTasks.inTenant(tenant, () -> imports.rowsAfter(importId, after, PAGE)));
            exhausted = page.size() < PAGE;
        }
        Row next = page.poll();
        if (next != null) {
            lastRead = next.line();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
