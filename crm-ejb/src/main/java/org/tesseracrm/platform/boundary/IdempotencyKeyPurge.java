package org.tesseracrm.platform.boundary;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Forgets Idempotency-Keys older than 24 h in every active tenant, on a timer ({@code crm.idempotency.purge-interval},
 * default hourly). The timer is not persistent: every instance runs it (the DELETE is idempotent) and it needs no
 * timer database, so a database outage cannot stop it; a run that fails is logged and the next one tries again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class IdempotencyKeyPurge {

    private static final Logger LOG = System.getLogger(IdempotencyKeyPurge.class.getName());

    @Resource
    TimerService timers;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "crm.idempotency.purge-interval", defaultValue = "PT1H")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("idempotency-key-purge",
                false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // one autocommit DELETE per tenant
    void purge() {
        long purged = 0;
        try {
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
        } catch (SQLException | RuntimeException e) {
            // swallowed on purpose: an exception would make the container retry at once; the next tick is soon enough
            LOG.log(Level.WARNING, "Idempotency-Key purge failed, next try in " + interval + ": " + e);
        }
    }
}
