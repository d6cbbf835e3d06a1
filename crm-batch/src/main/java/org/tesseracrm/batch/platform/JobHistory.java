package org.tesseracrm.batch.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.batch.tenant.TenantJobs;
import org.tesseracrm.platform.control.ExecutionHeartbeats;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The operators' view of every job run, the platform's and each tenant's: the latest runs with their progress, and
 * stop and restart. Only the jobs that may be started ({@link PlatformJobs#STARTABLE}, {@link TenantJobs#STARTABLE})
 * are shown or touched.
 */
@ApplicationScoped
public class JobHistory {

    /**
     * A run, the tenant it ran for (null for a platform job) and, while it runs, the progress its instance last
     * reported (null when it reports none).
     */
    public record OperatorRun(JobRun run, String tenant, String progress) {
    }

    @Inject
    ExecutionHeartbeats heartbeats;

    private static final Set<String> KNOWN = Stream.concat(PlatformJobs.STARTABLE.stream(),
            TenantJobs.STARTABLE.stream()).collect(Collectors.toUnmodifiableSet());

    private final JobOperator operator = BatchRuntime.getJobOperator();

    /** The latest {@code limit} runs over all known jobs, newest first. */
    public List<OperatorRun> recent(int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (String job : KNOWN) {
            executions.addAll(executionsOf(job, limit));
        }
        List<JobExecution> latest = executions.stream().sorted(Comparator.comparing(JobExecution::getCreateTime)
                .reversed()).limit(limit).toList();
        Map<Long, String> progress = heartbeats.progressOf(latest.stream().filter(e -> isActive(e.getBatchStatus()))
                .map(JobExecution::getExecutionId).toList());
        return latest.stream().map(e -> withSteps(e, progress.get(e.getExecutionId()))).toList();
    }

    /**
     * The executions of the job's latest {@code limit} instances. The batch runtime reads an instance's id before its
     * status, and fails (a NullPointerException inside it) on an instance whose run is being created at that very
     * moment: read again, and after a few tries list the job as having no runs rather than fail the whole list.
     */
    private List<JobExecution> executionsOf(String job, int limit) {
        for (int attempt = 1;; attempt++) {
            try {
                List<JobExecution> executions = new ArrayList<>();
                for (JobInstance instance : operator.getJobInstances(job, 0, limit)) {
                    executions.addAll(operator.getJobExecutions(instance));
                }
                return executions;
            } catch (NoSuchJobException e) {
                return List.of(); // never run yet
            } catch (NullPointerException e) {
                if (attempt == 3) {
                    java.util.logging.Logger.getLogger(JobHistory.class.getName()).fine("runs of " + job
                            + " left out: an instance was being created while they were read");
                    return List.of();
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }
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
        return withSteps(execution, null);
    }

    private OperatorRun withSteps(JobExecution execution, String progress) {
        return new OperatorRun(JobRun.of(execution, operator.getStepExecutions(execution.getExecutionId())),
                execution.getJobParameters() == null ? null : execution.getJobParameters().getProperty("tenant"),
                progress);
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
