package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Refreshes the chunk's segments in the chunk's transaction and sums what the refreshes did for the exit status. */
@Named("segmentRefreshWriter")
@Dependent
public class SegmentRefreshWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    Segments segments;

    private Tenant tenant;
    private long refreshed;
    private long entered;
    private long exited;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
    }

    @Override
    public void writeItems(List<Object> items) {
        for (Object item : items) {
            UUID id = (UUID) item;
            tenantTasks.inTenant(tenant, () -> segments.refreshUnlessBusy(id)).ifPresent(refresh -> {
                refreshed++;
                entered += refresh.entered();
                exited += refresh.exited();
            });
        }
        // written with every chunk, so a run that fails later still tells what it did (the chunk that failed and
        // rolled back may be counted in it)
        job.setExitStatus("refreshed=" + refreshed + " entered=" + entered + " exited=" + exited);
    }
}
