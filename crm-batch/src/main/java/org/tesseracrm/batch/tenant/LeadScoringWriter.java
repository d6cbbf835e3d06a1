package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Rescores the chunk's leads as of the run's moment and counts what moved for the exit status. */
@Named("leadScoringWriter")
@Dependent
public class LeadScoringWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    LeadScoring scoring;

    private Tenant tenant;
    private OffsetDateTime asOf;
    private String reason;
    private long scored;
    private long changed;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        var parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        String given = parameters.getProperty(TenantJobs.AS_OF_PARAMETER);
        asOf = given == null ? Timestamps.now() : OffsetDateTime.parse(given);
        reason = parameters.getProperty(TenantJobs.REASON_PARAMETER, LeadScoring.RECALCULATION);
    }

    @Override
    public void writeItems(List<Object> items) {
        List<UUID> ids = items.stream().map(UUID.class::cast).toList();
        changed += tenantTasks.inTenant(tenant, () -> scoring.rescoreAll(ids, asOf, reason));
        scored += ids.size();
        job.setExitStatus("scored=" + scored + " changed=" + changed);
    }
}
