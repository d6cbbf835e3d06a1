package org.tesseracrm.sequence.control;

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
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the batch job {@code sequence-run} (crm-batch) every {@code crm.sequences.run-interval} (default one minute), unless a run is still
 * going in this instance. Runs of other instances may overlap: the job is built for it (SKIP LOCKED claims, one run
 * per step by a unique key).
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

    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
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
            try {
                if (!operator.getRunningExecutions(JOB).isEmpty()) {
                    return; // the last one is still going; it takes what is due meanwhile too
                }
            } catch (NoSuchJobException e) {
                // never ran here yet
            }
            operator.start(JOB, new Properties());
        } catch (RuntimeException e) {
            // caught so the schedule goes on (the job repository's database may be away for a moment)
            LOG.log(Level.WARNING, "sequence-run not started, next try in " + interval + ": " + e);
        }
    }
}
