package org.tesseracrm.duplicate.control;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.duplicate.boundary.ContactDuplicates;
import org.tesseracrm.duplicate.boundary.ContactDuplicates.DuplicateCheckQueued;
import org.tesseracrm.platform.control.WebModuleStarted;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the duplicate checks that creates queue (docs/duplicates.md): right after a create commits, on a thread of its
 * own, at most one drain per tenant at a time (a create during a drain makes it go round once more). A sweep over the
 * active tenants picks up what no create announced: checks queued before a crash or a restart, and drains that
 * failed (their claims roll back and the rows wait).
 */
@ApplicationScoped
public class DuplicateCheckDrain {

    private static final Logger LOG = System.getLogger(DuplicateCheckDrain.class.getName());

    /** Contacts checked per transaction. */
    static final int BATCH = 100;
    /** How long a drain waits after the first create that wakes it. */
    static final Duration GATHER = Duration.ofMillis(50);

    @Inject
    ContactDuplicates duplicates;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    TenantRegistry registry;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "crm.duplicates.sweep-interval", defaultValue = "PT1M")
    Duration sweepInterval;

    /** Tenants with a drain submitted or running. */
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    /** Tenants with checks queued since their drain last looked. */
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();

    private ScheduledFuture<?> sweep;

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (sweep == null) {
            sweep = scheduler.scheduleWithFixedDelay(this::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    void queued(@Observes DuplicateCheckQueued queued) {
        wake(queued.tenant());
    }

    private void sweep() {
        try {
            registry.active().forEach(this::wake);
        } catch (RuntimeException e) {
            // caught so the schedule goes on (a task that throws is not run again)
            LOG.log(Level.WARNING, "duplicate check sweep failed, next in " + sweepInterval + ": " + e);
        }
    }

    private void wake(Tenant tenant) {
        wanted.add(tenant.slug());
        if (draining.add(tenant.slug())) {
            try {
                // a moment's delay gathers the creates of a busy tenant into one claim and one commit
                scheduler.schedule(() -> submit(tenant), GATHER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                refused(tenant, e);
            }
        }
    }

    private void submit(Tenant tenant) {
        try {
            executor.execute(() -> drain(tenant));
        } catch (RejectedExecutionException e) {
            refused(tenant, e);
        }
    }

    private void refused(Tenant tenant, RejectedExecutionException e) {
        draining.remove(tenant.slug()); // the rows wait for the next create or sweep
        LOG.log(Level.WARNING, "duplicate checks of " + tenant.slug() + " wait: " + e);
    }

    private void drain(Tenant tenant) {
        boolean failed = false;
        try {
            while (wanted.remove(tenant.slug())) {
                int checked;
                do {
                    checked = tenantTasks.inTenant(tenant, () -> duplicates.checkQueued(BATCH));
                } while (checked == BATCH);
            }
        } catch (RuntimeException e) {
            failed = true;
            LOG.log(Level.WARNING, "duplicate checks of " + tenant.slug() + " failed; they wait for the next create"
                    + " or the sweep: " + e);
        } finally {
            draining.remove(tenant.slug());
        }
        // a create that committed between the last look and the line above found this drain still running
        if (!failed && wanted.contains(tenant.slug())) {
            wake(tenant);
        }
    }
}
