package org.tesseracrm.batch.platform;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.sequence.boundary.SequenceRunner;
import org.tesseracrm.sequence.boundary.SequenceRunner.Result;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One tenant's partition of {@code sequence-run}: claims due enrollments and runs their steps until none is due, at
 * most {@value #MAX_STEPS} per run (the next run goes on). A step that cannot run for good goes to the dead-letter
 * list; anything else (the database away) ends the partition, and the leased enrollments are taken again later.
 */
@Named("sequenceRunBatchlet")
@Dependent
public class SequenceRunBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SequenceRunBatchlet.class.getName());
    static final int MAX_STEPS = 20_000;

    @Inject
    @BatchProperty(name = "tenant")
    String tenantSlug;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    SequenceRunner runner;

    @Inject
    StepContext step;

    private volatile boolean stopped;

    @Override
    public String process() {
        Optional<Tenant> tenant = tenantSlug == null || tenantSlug.isEmpty()
                ? Optional.empty()
                : registry.find(tenantSlug).filter(t -> t.status().isServed());
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        int claimed = 0;
        if (tenant.isPresent()) {
            claimed = tenantTasks.inTenant(tenant.get(), () -> run(counts));
        }
        String summary = SequenceRunAnalyzer.summary(tenantSlug, claimed, counts);
        step.setTransientUserData(summary); // collected for the job's exit status (SequenceRunCollector)
        return summary;
    }

    private int run(Map<Result, Integer> counts) {
        int claimed = 0;
        while (!stopped && claimed < MAX_STEPS) {
            Optional<UUID> due = runner.claimNext();
            if (due.isEmpty()) {
                break;
            }
            claimed++;
            Result result;
            try {
                result = runner.runStep(due.get());
            } catch (DomainException e) {
                result = runner.fail(due.get(), e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sequence step of enrollment " + due.get() + " in " + tenantSlug
                        + " not run, taken again after its lease: " + e);
                counts.merge(Result.SKIPPED, 1, Integer::sum);
                break;
            }
            counts.merge(result, 1, Integer::sum);
        }
        return claimed;
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
