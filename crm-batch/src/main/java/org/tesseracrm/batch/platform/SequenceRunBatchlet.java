package org.tesseracrm.batch.platform;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.tesseracrm.platform.control.ExecutionHeartbeats;
import org.tesseracrm.sequence.boundary.SequenceRunner.Result;
import org.tesseracrm.sequence.control.SequenceWorkers;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One tenant's partition of {@code sequence-run}: its workers ({@link SequenceWorkers}) claim due enrollments and run
 * their steps until none is due, at most {@value #MAX_STEPS} per run (the next run goes on). A step that cannot run for good goes to the dead-letter
 * list; anything else (the database away) ends the partition, and the leased enrollments are taken again later.
 */
@Named("sequenceRunBatchlet")
@Dependent
public class SequenceRunBatchlet extends AbstractBatchlet {

    static final int MAX_STEPS = 20_000;

    @Inject
    @BatchProperty(name = "tenant")
    String tenantSlug;

    @Inject
    TenantRegistry registry;

    @Inject
    SequenceWorkers workers;

    @Inject
    StepContext step;

    /** The run's id, for its progress ({@link SequenceRunPartitions}). */
    @Inject
    @BatchProperty(name = "execution")
    String executionId;

    @Inject
    ExecutionHeartbeats heartbeats;

    private volatile boolean stopped;

    @Override
    public String process() {
        Optional<Tenant> tenant = tenantSlug == null || tenantSlug.isEmpty()
                ? Optional.empty()
                : registry.find(tenantSlug).filter(t -> t.status().isServed());
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        int claimed = 0;
        if (tenant.isPresent()) {
            long execution = Long.parseLong(executionId);
            SequenceWorkers.Done done = workers.run(tenant.get(), MAX_STEPS, () -> stopped, soFar -> heartbeats
                    .progress(execution, tenantSlug, SequenceRunAnalyzer.summary(tenantSlug, soFar.claimed(), soFar
                            .results())));
            claimed = done.claimed();
            counts.putAll(done.results());
        }
        String summary = SequenceRunAnalyzer.summary(tenantSlug, claimed, counts);
        step.setTransientUserData(summary); // collected for the job's exit status (SequenceRunCollector)
        return summary;
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
