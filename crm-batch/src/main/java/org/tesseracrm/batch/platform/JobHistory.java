package org.tesseracrm.batch.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.batch.tenant.TenantJobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operators' view of every job run, the platform's and each tenant's: the latest runs with their progress, and
 * stop and restart. Only the jobs that may be started ({@link PlatformJobs#STARTABLE}, {@link TenantJobs#STARTABLE})
 * are shown or touched.
 */
@ApplicationScoped
public class JobHistory {

    /** A run and the tenant it ran for (null for a platform job). */
    public record OperatorRun(JobRun run, String tenant) {
    }

    private static final Set<String> KNOWN = Stream.concat(PlatformJobs.STARTABLE.stream(),
            TenantJobs.STARTABLE.stream()).collect(Collectors.toUnmodifiableSet());

    private final JobOperator operator = BatchRuntime.getJobOperator();

    /** The latest {@code limit} runs over all known jobs, newest first. */
    public List<OperatorRun> recent(int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (String job : KNOWN) {
            try {
                for (JobInstance instance : operator.getJobInstances(job, 0, limit)) {
                    executions.addAll(operator.getJobExecutions(instance));
                }
            } catch (NoSuchJobException e) {
                // never run yet
            }
        }
        return executions.stream().sorted(Comparator.comparing(JobExecution::getCreateTime).reversed()).limit(limit)
                .map(this::withSteps).toList();
    }

    /** Asks a running run to stop (it ends at its next checkpoint). */
    public boolean stop(long executionId) {
        Optional<JobExecution> execution = known(executionId);
        if (execution.isEmpty() || !isActive(execution.get().getBatchStatus())) {
            return false;
        }
        operator.stop(executionId);
        return true;
    }

    /**
     * Restarts a failed or stopped run from its last checkpoint. A run still running is refused here: the batch
     * runtime would start it a second time (a run of a dead instance counts as running until ExecutionHeartbeats
     * marks it FAILED); a completed one the runtime refuses.
     */
    public Optional<OperatorRun> restart(long executionId) {
        Optional<JobExecution> execution = known(executionId);
        if (execution.isEmpty()) {
            return Optional.empty();
        }
        refuseWhileRunning(execution.get());
        Properties parameters = operator.getParameters(executionId);
        return known(operator.restart(executionId, parameters)).map(this::withSteps);
    }

    private Optional<JobExecution> known(long executionId) {
        try {
            return Optional.ofNullable(operator.getJobExecution(executionId))
                    .filter(e -> KNOWN.contains(e.getJobName()));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    private OperatorRun withSteps(JobExecution execution) {
        return new OperatorRun(JobRun.of(execution, operator.getStepExecutions(execution.getExecutionId())),
                execution.getJobParameters() == null ? null : execution.getJobParameters().getProperty("tenant"));
    }

    /** The batch runtime restarts a run it still records as running; that would run it twice. */
    public static void refuseWhileRunning(JobExecution execution) {
        if (isActive(execution.getBatchStatus())) {
            throw new JobRestartException("run " + execution.getExecutionId() + " is still running");
        }
    }

    public static boolean isActive(BatchStatus status) {
        return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
    }
}
