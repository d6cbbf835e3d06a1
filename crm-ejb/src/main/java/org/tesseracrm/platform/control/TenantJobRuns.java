package org.tesseracrm.platform.control;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;

/**
 * The runs of one tenant job that this instance's schedule started, per tenant: a schedule starts a tenant's run only
 * when the one it started before has ended, so a slow run is never doubled by the next tick.
 */
public final class TenantJobRuns {

    private final String job;
    private final Map<String, Long> lastRuns = new ConcurrentHashMap<>();

    public TenantJobRuns(String job) {
        this.job = job;
    }

    /** Whether the run started last for the tenant is still starting or running. */
    public boolean stillRunning(String tenantSlug) {
        Long last = lastRuns.get(tenantSlug);
        if (last == null) {
            return false;
        }
        try {
            BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(last).getBatchStatus();
            return status == BatchStatus.STARTING || status == BatchStatus.STARTED;
        } catch (NoSuchJobExecutionException e) {
            return false;
        }
    }

    /** Starts the job for the tenant with these parameters (the tenant added) and remembers the run. */
    public void start(String tenantSlug, Properties parameters) {
        Properties withTenant = new Properties();
        withTenant.putAll(parameters);
        withTenant.setProperty("tenant", tenantSlug);
        JobOperator operator = BatchRuntime.getJobOperator();
        lastRuns.put(tenantSlug, operator.start(job, withTenant));
    }
}
