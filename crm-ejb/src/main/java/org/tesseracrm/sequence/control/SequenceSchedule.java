package org.tesseracrm.sequence.control;

import org.tesseracrm.platform.control.WebModuleStarted;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the batch job {@code sequence-run} (crm-batch) every {@code crm.sequences.run-interval} (default one minute),
 * unless the run this instance started last is still going. Only this instance's own run counts: the job repository
 * is shared, so asking it for running executions would see other instances' runs (and a crashed instance's run, left
 * STARTED for ever) and stop this one from working. Runs of several instances overlap by design (SKIP LOCKED claims,
 * one run per step by a unique key).
 */
@ApplicationScoped
public class SequenceSchedule {

    private static final Logger LOG = Logger.getLogger(SequenceSchedule.class.getName());
    static final String JOB = "sequence-run";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "crm.sequences.run-interval", defaultValue = "PT1M")
    Duration interval;

    private ScheduledFuture<?> schedule;

    /** The execution this instance started last, or -1. */
    private long lastRun = -1;

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::startRun, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void startRun() {
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            if (lastRun >= 0) {
                BatchStatus status;
                try {
                    status = operator.getJobExecution(lastRun).getBatchStatus();
                } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
                    status = BatchStatus.ABANDONED; // the repository forgot it (purged): start afresh
                }
                if (status == BatchStatus.STARTING || status == BatchStatus.STARTED) {
                    return; // still going; it takes what is due meanwhile too
                }
            }
            lastRun = operator.start(JOB, new Properties());
        } catch (RuntimeException e) {
            // caught so the schedule goes on (the job repository's database may be away for a moment)
            LOG.log(Level.WARNING, "sequence-run not started, next try in " + interval + ": " + e);
        }
    }
}
