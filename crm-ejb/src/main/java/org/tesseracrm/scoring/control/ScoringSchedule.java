package org.tesseracrm.scoring.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.control.TenantJobRuns;
import org.tesseracrm.platform.control.WebModuleStarted;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The decay: every {@code crm.scoring.decay-interval} (default a day; the first tick an hour after start at the
 * latest, so restarts never postpone it) starts the tenant job {@code lead-scoring} with the reason {@code decay}
 * for each served tenant that has an active engagement rule whose points fade, unless the run this instance started
 * for that tenant is still going. Other tenants cost one indexed query each. It also starts the rescoring runs that
 * changes of the rules ask for ({@link #recalculate}).
 */
@ApplicationScoped
public class ScoringSchedule {

    private static final Logger LOG = Logger.getLogger(ScoringSchedule.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "crm.scoring.decay-interval", defaultValue = "P1D")
    Duration interval;

    @Inject
    @ConfigProperty(name = "crm.scoring.recalculation-delay", defaultValue = "PT2S")
    Duration recalculationDelay;

    private ScheduledFuture<?> schedule;
    private ScheduledFuture<?> recalculations;

    /** Tenants whose rules or thresholds changed since their last rescoring run was started. */
    private final java.util.Set<String> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final TenantJobRuns runs = new TenantJobRuns(LeadScoring.JOB);
    private final TenantJobRuns rulesRuns = new TenantJobRuns(LeadScoring.JOB);

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            long first = Math.min(interval.toMillis(), Duration.ofHours(1).toMillis());
            schedule = scheduler.scheduleWithFixedDelay(this::startDecayRuns, first, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
            recalculations = scheduler.scheduleWithFixedDelay(this::startRecalculations,
                    recalculationDelay.toMillis(), recalculationDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Rescores every lead of the tenant soon (within {@code crm.scoring.recalculation-delay}, default 2 s): changes
     * in quick succession share one run, and a change while a run is going gets a run of its own after it. Kept in
     * memory: a change whose run an instance crash lost is caught up by the next decay run, or by starting
     * {@code lead-scoring} by hand.
     */
    public void recalculate(String tenantSlug) {
        pending.add(tenantSlug);
    }

    void startRecalculations() {
        for (String tenant : List.copyOf(pending)) {
            try {
                if (rulesRuns.stillRunning(tenant)) {
                    continue;
                }
                pending.remove(tenant);
                Properties parameters = new Properties();
                parameters.setProperty("reason", LeadScoring.RULES_CHANGED);
                rulesRuns.start(tenant, parameters);
            } catch (RuntimeException e) {
                pending.add(tenant);
                LOG.log(Level.WARNING, LeadScoring.JOB + " for " + tenant + " not started, next try in "
                        + recalculationDelay + ": " + e);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            recalculations.cancel(false);
        }
    }

    void startDecayRuns() {
        try {
            for (Tenant tenant : registry.active()) {
                if (!tenant.status().isServed() || runs.stillRunning(tenant.slug()) || !decays(tenant)) {
                    continue;
                }
                Properties parameters = new Properties();
                parameters.setProperty("reason", LeadScoring.DECAY);
                runs.start(tenant.slug(), parameters);
            }
        } catch (RuntimeException e) {
            // caught so the schedule goes on (the database may be away for a moment)
            LOG.log(Level.WARNING, LeadScoring.JOB + " not started, next try in " + interval + ": " + e);
        }
    }

    private boolean decays(Tenant tenant) {
        // the schema comes from the registry (format-checked there)
        String sql = "SELECT EXISTS (SELECT 1 FROM " + tenant.schema() + ".scoring_rule WHERE active AND decays)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            // a tenant whose schema is behind (migration pending) or away must not stop the others
            LOG.log(Level.FINE, "scoring of " + tenant.slug() + " not checked: " + e);
            return false;
        }
    }
}
