package org.tesseracrm.batch.tenant;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;

import org.tesseracrm.batch.platform.JobHistory;
import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.report.boundary.Reports;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.report.boundary.WeeklyReports;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

/**
 * Starts and watches jobs that work on one tenant. The tenant travels as the job parameter {@code tenant}; a tenant
 * only ever sees its own runs.
 */
@ApplicationScoped
public class TenantJobs {

    /** Jobs a tenant admin may start for their tenant. */
    static final String TENANT_PARAMETER = "tenant";
    static final String WEEK_PARAMETER = "week";
    /** lead-scoring: the moment scores are computed for (a controlled clock for tests and back-fills). */
    static final String AS_OF_PARAMETER = "asOf";
    /** lead-scoring: what the score history names as the cause; set by the starters, never by the API. */
    static final String REASON_PARAMETER = "reason";

    public static final Set<String> STARTABLE = Set.of("contact-email-normalise", "segment-refresh",
            "weekly-report", LeadScoring.JOB);

    /** Jobs started by their own endpoint (an import by POST /imports/{id}/start), never by the generic one. */
    public static final String CONTACT_IMPORT = "contact-import";
    /** Rows per chunk of an import run (contact-import.xml). */
    static final String IMPORT_CHUNK_PARAMETER = "chunkSize";
    static final String IMPORT_PARAMETER = "import";

    /** Every tenant job whose runs a tenant sees and may restart. */
    static final Set<String> TENANT_JOBS = Set.of("contact-email-normalise", "segment-refresh", "weekly-report",
            CONTACT_IMPORT, LeadScoring.JOB);

    /** The job parameters, beside the tenant, that a job takes when it is started; any other is refused. */
    static final Map<String, Set<String>> PARAMETERS = Map.of("weekly-report", Set.of(WEEK_PARAMETER),
            LeadScoring.JOB, Set.of(AS_OF_PARAMETER));

    /** How far from now a scoring run's {@code asOf} may lie. */
    static final java.time.Duration AS_OF_RANGE = java.time.Duration.ofDays(3660);

    private final JobOperator operator = BatchRuntime.getJobOperator();

    @Inject
    TenantRegistry registry;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    WeeklyReports weeklyReports;

    @jakarta.annotation.Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Starts a tenant job for {@code tenantSlug}; empty if no such job may be started. */
    public Optional<JobRun> start(String job, String tenantSlug) {
        return start(job, tenantSlug, Map.of());
    }

    /**
     * Starts a tenant job with parameters of its own ({@link #PARAMETERS}, e.g. the weekly report's {@code week});
     * a parameter the job does not take, or a week that is none, is refused before anything starts.
     */
    public Optional<JobRun> start(String job, String tenantSlug, Map<String, String> given) {
        if (!STARTABLE.contains(job)) {
            return Optional.empty();
        }
        Properties parameters = new Properties();
        Set<String> accepted = PARAMETERS.getOrDefault(job, Set.of());
        given.forEach((name, value) -> {
            if (!accepted.contains(name)) {
                throw new InvalidInput(name, "is no parameter of the job " + job);
            }
            if (value != null && !value.isBlank()) {
                if (name.equals(WEEK_PARAMETER)) {
                    Reports.mondayOf(value);
                }
                if (name.equals(AS_OF_PARAMETER)) {
                    asOf(value.strip());
                }
                parameters.setProperty(name, value.strip());
            }
        });
        parameters.setProperty(TENANT_PARAMETER, tenantSlug);
        return run(operator.start(job, parameters), tenantSlug);
    }

    /**
     * Starts the import job for an import its boundary has just marked running. Inside a transaction that spans the
     * request (an Idempotency-Key), the job starts only once that has committed, so it never reads an import that
     * is not there yet; the run notes its execution id on the import itself.
     */
    public void startImport(String tenantSlug, java.util.UUID importId, String objectType) {
        Properties parameters = new Properties();
        parameters.setProperty(TENANT_PARAMETER, tenantSlug);
        parameters.setProperty(IMPORT_PARAMETER, importId.toString());
        // contacts are written set-based, a chunk's cost mostly per statement: big chunks; leads and accounts go one
        // by one through their boundary, where a big chunk makes a big persistence context
        parameters.setProperty(IMPORT_CHUNK_PARAMETER, "contact".equals(objectType) ? "5000" : "1000");
        if (transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the job starts after the commit
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        operator.start(CONTACT_IMPORT, parameters);
                    }
                }
            });
        } else {
            operator.start(CONTACT_IMPORT, parameters);
        }
    }

    /** A scoring run's moment: an ISO date-time with an offset, within ten years of now. */
    private static void asOf(String value) {
        java.time.OffsetDateTime at;
        try {
            at = java.time.OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput(AS_OF_PARAMETER, "must be an ISO date-time with an offset, e.g."
                    + " 2026-12-01T09:00:00Z");
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        if (at.isBefore(now.minus(AS_OF_RANGE)) || at.isAfter(now.plus(AS_OF_RANGE))) {
            throw new InvalidInput(AS_OF_PARAMETER, "must lie within ten years of now");
        }
    }

    /** A run of a tenant job, only if it ran for {@code tenantSlug}. */
    public Optional<JobRun> run(long executionId, String tenantSlug) {
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            if (execution == null || !TENANT_JOBS.contains(execution.getJobName())
                    || !tenantSlug.equals(execution.getJobParameters().getProperty(TENANT_PARAMETER))) {
                return Optional.empty();
            }
            return Optional.of(JobRun.of(execution, operator.getStepExecutions(executionId)));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * Restarts a failed or stopped run of this tenant's, going on from its last checkpoint; empty if there is no such
     * run. A run that cannot be restarted (it completed, or is still running) is refused.
     */
    public Optional<JobRun> restart(long executionId, String tenantSlug) {
        if (run(executionId, tenantSlug).isEmpty()) {
            return Optional.empty();
        }
        JobHistory.refuseWhileRunning(operator.getJobExecution(executionId));
        Properties parameters = operator.getParameters(executionId);
        return run(operator.restart(executionId, parameters), tenantSlug);
    }

    /** The job's tenant, from the registry (which, not the parameter, decides the schema); it must still be served. */
    Tenant activeTenant(JobContext job) {
        String slug = tenantParameter(job);
        return registry.find(slug).filter(t -> t.status().isServed())
                .orElseThrow(() -> new IllegalStateException("tenant " + slug + " is not active"));
    }

    /** The weekly report's week: the parameter, or else the last complete week in the tenant's time zone. */
    String week(JobContext job, Tenant tenant) {
        String week = BatchRuntime.getJobOperator().getParameters(job.getExecutionId()).getProperty(WEEK_PARAMETER);
        if (week != null) {
            return Reports.weekOf(Reports.mondayOf(week));
        }
        return tenantTasks.inTenant(tenant, weeklyReports::lastCompleteWeek);
    }

    static long writeCount(StepContext step) {
        for (Metric metric : step.getMetrics()) {
            if (metric.getType() == Metric.MetricType.WRITE_COUNT) {
                return metric.getValue();
            }
        }
        return 0;
    }

    /** The import a {@code contact-import} run writes. */
    static java.util.UUID importParameter(JobContext job) {
        String id = BatchRuntime.getJobOperator().getParameters(job.getExecutionId()).getProperty(IMPORT_PARAMETER);
        if (id == null) {
            throw new IllegalStateException("job " + job.getJobName() + " needs the parameter " + IMPORT_PARAMETER);
        }
        return java.util.UUID.fromString(id);
    }

    static String tenantParameter(JobContext job) {
        String slug = BatchRuntime.getJobOperator().getParameters(job.getExecutionId()).getProperty(TENANT_PARAMETER);
        if (slug == null) {
            throw new IllegalStateException("job " + job.getJobName() + " needs the parameter " + TENANT_PARAMETER);
        }
        return slug;
    }
}
