package org.tesseracrm.batch.platform;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts and watches the jobs that run over the whole platform; only jobs named here can be started. */
@ApplicationScoped
public class PlatformJobs {

    /** Jobs an operator may start. Tenant jobs are started elsewhere, with their tenant as a parameter. */
    public static final Set<String> STARTABLE = Set.of("tenant-census");

    /** One run of a job as operators see it. */
    public record JobRun(long id, String job, String status, String exitStatus, Instant createdAt,
            Instant startedAt, Instant endedAt) {

        public static JobRun of(JobExecution execution) {
            return new JobRun(execution.getExecutionId(), execution.getJobName(), execution.getBatchStatus().name(),
                    execution.getExitStatus(), instant(execution.getCreateTime()), instant(execution.getStartTime()),
                    instant(execution.getEndTime()));
        }
    }

    private final JobOperator operator = BatchRuntime.getJobOperator();

    /** Starts a platform job; empty when no such job may be started. */
    public Optional<JobRun> start(String job) {
        if (!STARTABLE.contains(job)) {
            return Optional.empty();
        }
        return run(operator.start(job, new Properties()));
    }

    /** A run of a platform job; empty for unknown ids and for runs of other jobs. */
    public Optional<JobRun> run(long executionId) {
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            if (execution == null || !STARTABLE.contains(execution.getJobName())) {
                return Optional.empty();
            }
            return Optional.of(JobRun.of(execution));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
