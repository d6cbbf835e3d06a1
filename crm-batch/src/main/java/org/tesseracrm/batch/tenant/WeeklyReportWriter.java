package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.List;

import org.tesseracrm.report.boundary.WeeklyReports;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Queues the week's report for each recipient of the chunk (each in a transaction of its own) and counts them. */
@Named("weeklyReportWriter")
@Dependent
public class WeeklyReportWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    WeeklyReports weeklyReports;

    private Tenant tenant;
    private long sent;
    private long already;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
    }

    @Override
    public void writeItems(List<Object> items) {
        String week = (String) job.getTransientUserData();
        for (Object item : items) {
            WeeklyReports.Recipient recipient = (WeeklyReports.Recipient) item;
            boolean delivered;
            try {
                delivered = tenantTasks.inTenant(tenant, () -> weeklyReports.deliver(week, recipient));
            } catch (WeeklyReports.AlreadyDelivered e) {
                delivered = false;
            }
            if (delivered) {
                sent++;
            } else {
                already++;
            }
        }
        job.setExitStatus("week=" + week + " sent=" + sent + " already=" + already);
    }
}
