package org.tesseracrm.sequence.control;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.sequence.boundary.SequenceRunner;
import org.tesseracrm.sequence.boundary.SequenceRunner.Result;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs one tenant's due sequence steps with {@code crm.sequences.workers-per-tenant} workers at once (default 3):
 * each claims due enrollments ({@code FOR UPDATE SKIP LOCKED}, so they never take the same one) and runs their steps,
 * one transaction each, until none is due, the run's share is used up or the run is stopped. Several workers keep the
 * database busy while one waits for its commit, which one alone cannot. Lives here and not in the batch library
 * because it needs the container's executor ({@code @Resource}).
 */
@ApplicationScoped
public class SequenceWorkers {

    private static final Logger LOG = Logger.getLogger(SequenceWorkers.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "crm.sequences.workers-per-tenant", defaultValue = "3")
    int workers;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    SequenceRunner runner;

    /** What the workers did: how many enrollments they claimed, and the result of each. */
    public record Done(int claimed, Map<Result, Integer> results) {
    }

    public Done run(Tenant tenant, int maxSteps, BooleanSupplier stopped) {
        return run(tenant, maxSteps, stopped, done -> {
        });
    }

    /** As {@link #run(Tenant, int, BooleanSupplier)}, telling {@code progress} what was done so far, at most once a second. */
    public Done run(Tenant tenant, int maxSteps, BooleanSupplier stopped, java.util.function.Consumer<Done> progress) {
        java.util.concurrent.atomic.AtomicLong lastReport = new java.util.concurrent.atomic.AtomicLong(System
                .nanoTime());
        AtomicInteger claimed = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean();
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < Math.max(1, workers); w++) {
            running.add(executor.submit(() -> tenantTasks.inTenant(tenant, () -> {
                // bounded: at most maxSteps claims over all workers
                while (!stopped.getAsBoolean() && !failing.get() && claimed.incrementAndGet() <= maxSteps) {
                    Optional<UUID> due = runner.claimNext();
                    if (due.isEmpty()) {
                        claimed.decrementAndGet();
                        break;
                    }
                    Result result;
                    try {
                        result = runner.runStep(due.get());
                    } catch (DomainException e) {
                        result = runner.fail(due.get(), e);
                    } catch (RuntimeException e) {
                        // the database away, say: stop; the leased enrollment is taken again after its lease
                        LOG.log(Level.WARNING, "sequence step of enrollment " + due.get() + " in " + tenant.slug()
                                + " not run, taken again after its lease: " + e);
                        result = Result.SKIPPED;
                        failing.set(true);
                    }
                    Done soFar = null;
                    synchronized (results) {
                        results.merge(result, 1, Integer::sum);
                        long now = System.nanoTime();
                        if (now - lastReport.get() >= 1_000_000_000L) {
                            lastReport.set(now);
                            soFar = new Done(Math.min(claimed.get(), maxSteps), new EnumMap<>(results));
                        }
                    }
                    if (soFar != null) {
                        progress.accept(soFar);
                    }
                }
                return null;
            })));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "a sequence worker of " + tenant.slug() + " ended: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Done(Math.min(claimed.get(), maxSteps), results);
    }
}
