package org.tesseracrm.segment.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.control.TenantJobRuns;
import org.tesseracrm.platform.control.WebModuleStarted;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every {@code crm.segments.refresh-interval} (default 15 minutes) starts the tenant job {@code segment-refresh}
 * (crm-batch) for each served tenant that has a dynamic segment not refreshed within the interval, unless the run
 * this instance started for that tenant is still going. Tenants without such segments cost one indexed query each,
 * and no job execution. Runs of several instances may overlap: a segment being refreshed is skipped by the other.
 */
@ApplicationScoped
public class SegmentSchedule {

    private static final Logger LOG = Logger.getLogger(SegmentSchedule.class.getName());
    static final String JOB = "segment-refresh";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "crm.segments.refresh-interval", defaultValue = "PT15M")
    Duration interval;

    private ScheduledFuture<?> schedule;

    private final TenantJobRuns runs = new TenantJobRuns(JOB);

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::startDueRuns, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void startDueRuns() {
        try {
            OffsetDateTime dueBefore = OffsetDateTime.now().minus(interval);
            for (Tenant tenant : registry.active()) {
                if (!tenant.status().isServed() || runs.stillRunning(tenant.slug()) || !hasDueSegments(tenant,
                        dueBefore)) {
                    continue;
                }
                runs.start(tenant.slug(), new Properties());
            }
        } catch (RuntimeException e) {
            // caught so the schedule goes on (the database may be away for a moment)
            LOG.log(Level.WARNING, JOB + " not started, next try in " + interval + ": " + e);
        }
    }

    private boolean hasDueSegments(Tenant tenant, OffsetDateTime dueBefore) {
        // the schema comes from the registry (format-checked there)
        String sql = "SELECT EXISTS (SELECT 1 FROM " + tenant.schema() + ".segment WHERE kind = 'dynamic' AND"
                + " (last_refreshed_at IS NULL OR last_refreshed_at < ?))";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, dueBefore);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            // a tenant whose schema is behind (migration pending) or away must not stop the others
            LOG.log(Level.FINE, "segments of " + tenant.slug() + " not checked: " + e);
            return false;
        }
    }
}
