package org.tesseracrm.platform.boundary;

import org.tesseracrm.platform.control.WebModuleStarted;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Forgets Idempotency-Keys older than 24 h in every active tenant, on a timer ({@code crm.idempotency.purge-interval},
 * default hourly). The timer is not persistent: every instance runs it (the DELETE is idempotent) and it needs no
 * timer database, so a database outage cannot stop it; a run that fails is logged and the next one tries again.
 * A managed scheduled executor rather than a {@code @Startup} EJB timer: with such a singleton in the EJB module,
 * Payara Server 6.2025.10 stopped applying the EAR's JAX-RS role checks (seen in EarOnPayaraServerIT).
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = System.getLogger(IdempotencyKeyPurge.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "crm.idempotency.purge-interval", defaultValue = "PT1H")
    Duration interval;

    private ScheduledFuture<?> schedule;

    /** Starts the timer when the application starts (in an EAR every module reports that: the first one wins). */
    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::purge, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void purge() {
        long purged = 0;
        try {
            // looked up when it runs: the bean starts with the application, in an EAR before the datasource is bound
            DataSource dataSource = (DataSource) new InitialContext().lookup(CrmDataSource.JNDI_NAME);
            for (Tenant tenant : registry.active()) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    // the schema comes from the registry (format-checked there), never from input
                    purged += s.executeUpdate("DELETE FROM " + tenant.schema()
                            + ".idempotency_record WHERE created_at < now() - interval '24 hours'");
                }
            }
            if (purged > 0) {
                LOG.log(Level.INFO, "purged {0} expired Idempotency-Keys", purged);
            }
        } catch (SQLException | NamingException | RuntimeException e) {
            // caught so the schedule goes on (a task that throws is not run again); the next tick retries
            LOG.log(Level.WARNING, "Idempotency-Key purge failed, next try in " + interval + ": " + e);
        }
    }
}
