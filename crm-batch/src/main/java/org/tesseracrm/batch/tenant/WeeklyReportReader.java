package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

import org.tesseracrm.report.boundary.WeeklyReports;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads the recipients of the weekly report (active admins and sales managers) in username order, a page at a time;
 * the checkpoint is the last username read. The week is resolved once, when the step opens, and kept in the job's
 * transient data for the writer, so a run that passes midnight on Sunday still reports one week.
 */
@Named("weeklyReportReader")
@Dependent
public class WeeklyReportReader extends AbstractItemReader {

    private static final int PAGE = 100;

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    WeeklyReports weeklyReports;

    private Tenant tenant;
    private String lastRead;
    private final Deque<WeeklyReports.Recipient> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        job.setTransientUserData(tenantJobs.week(job, tenant));
        lastRead = (String) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            String after = lastRead;
            page.addAll(tenantTasks.inTenant(tenant, () -> weeklyReports.recipients(after, PAGE)));
            exhausted = page.size() < PAGE;
        }
        WeeklyReports.Recipient next = page.poll();
        if (next != null) {
            lastRead = next.username();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
