package org.tesseracrm.batch.platform;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts and watches the jobs that run over the whole platform; only jobs named here can be started. */
@ApplicationScoped
public class PlatformJobs {

    /** Jobs an operator may start. Tenant jobs are started elsewhere, with their tenant as a parameter. */
    public static final Set<String> STARTABLE = Set.of("tenant-census", "sequence-run");

    /**
     * One run of a job as operators see it, with its progress: the step metrics (read, write, filter, commit,
     * rollback counts…) added up over its steps, keyed by the metric's name in lower camel case.
     */
    public record JobRun(long id, String job, String status, String exitStatus, Instant createdAt,
            Instant startedAt, Instant endedAt, Map<String, Long> metrics) {

        public static JobRun of(JobExecution execution, List<StepExecution> steps) {
            Map<String, Long> metrics = new TreeMap<>();
            for (StepExecution step : steps) {
                for (Metric metric : step.getMetrics()) {
                    metrics.merge(metricName(metric.getType()), metric.getValue(), Long::sum);
                }
            }
            return new JobRun(execution.getExecutionId(), execution.getJobName(), execution.getBatchStatus().name(),
                    execution.getExitStatus(), instant(execution.getCreateTime()), instant(execution.getStartTime()),
                    instant(execution.getEndTime()), metrics);
        }

        /** READ_COUNT becomes readCount. */
        private static String metricName(Metric.MetricType type) {
            String[] words = type.name().toLowerCase(java.util.Locale.ROOT).split("_");
            StringBuilder name = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return name.toString();
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
            return Optional.of(JobRun.of(execution, operator.getStepExecutions(executionId)));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
