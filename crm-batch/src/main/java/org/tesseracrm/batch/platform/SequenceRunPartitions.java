package org.tesseracrm.batch.platform;

import java.util.List;
import java.util.Properties;

import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One partition of {@code sequence-run} per active tenant; at most four run at once (the data plane's pool is small). */
@Named("sequenceRunPartitions")
@Dependent
public class SequenceRunPartitions implements PartitionMapper {

    static final int THREADS = 4;

    @Inject
    TenantRegistry registry;

    @Inject
    JobContext job;

    @Override
    public PartitionPlan mapPartitions() {
        List<Tenant> tenants = registry.active();
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(Math.max(tenants.size(), 1));
        plan.setThreads(Math.max(1, Math.min(THREADS, tenants.size())));
        // a restart maps today's tenants afresh: what is due lives in the tenants' tables, not in partition state
        // (and a run killed mid-step recorded no partition count the runtime could restart from)
        plan.setPartitionsOverride(true);
        Properties[] properties = new Properties[plan.getPartitions()];
        for (int i = 0; i < properties.length; i++) {
            properties[i] = new Properties();
            // no tenant at all: one partition that finds nothing to do
            properties[i].setProperty("tenant", tenants.isEmpty() ? "" : tenants.get(i).slug());
            // the run's own id: a partition's job context may name a partition-level execution instead
            properties[i].setProperty("execution", Long.toString(job.getExecutionId()));
        }
        plan.setPartitionProperties(properties);
        return plan;
    }
}
