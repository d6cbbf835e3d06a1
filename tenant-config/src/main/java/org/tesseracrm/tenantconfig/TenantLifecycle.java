package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A tenant after provisioning: suspend (the data plane answers 403, accounts stay), resume, delete (accounts and
 * integrations disabled, data kept for a grace period; resume restores it) and purge (schema, Keycloak organization,
 * accounts and integration clients removed once the grace period is over).
 */
public final class TenantLifecycle {

    private static final Logger LOG = System.getLogger(TenantLifecycle.class.getName());

    /** What a status change did; {@code changed} is false when the tenant already was in the wanted state. */
    public record Change(TenantSlug slug, String status, boolean changed, Instant deleteAfter) {
    }

    private final ControlPlaneDatabase database;
    private final TenantRegistryTable registry;
    private final TenantUsersTable users;
    private final Migrations migrations;
    private final TenantIdentities identities;

    /** {@code identities} may be null for suspend and resume of a suspended tenant, which touch no account. */
    public TenantLifecycle(ControlPlaneDatabase database, TenantIdentities identities) {
        this.database = database;
        this.registry = new TenantRegistryTable(database);
        this.users = new TenantUsersTable(database);
        this.migrations = new Migrations(database);
        this.identities = identities;
    }

    public Change suspend(TenantSlug slug) throws SQLException {
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            String status = statusOf(slug);
            if (status.equals("SUSPENDED")) {
                return new Change(slug, status, false, null);
            }
            if (!status.equals("ACTIVE") || !registry.changeStatus(slug, "ACTIVE", "SUSPENDED")) {
                throw new IllegalStateException("tenant '" + slug.value() + "' is " + status.toLowerCase()
                        + "; only an active tenant can be suspended");
            }
            LOG.log(Level.INFO, "suspended tenant {0}", slug.value());
            return new Change(slug, "SUSPENDED", true, null);
        }
    }

    /** Suspended → active; deleted (not yet purged) → migrated, accounts re-enabled, active. */
    public Change resume(TenantSlug slug) throws SQLException {
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            String status = statusOf(slug);
            switch (status) {
                case "ACTIVE" :
                    return new Change(slug, status, false, null);
                case "SUSPENDED" :
                    registry.changeStatus(slug, "SUSPENDED", "ACTIVE");
                    LOG.log(Level.INFO, "resumed tenant {0}", slug.value());
                    return new Change(slug, "ACTIVE", true, null);
                case "DELETED" :
                    restore(slug);
                    return new Change(slug, "ACTIVE", true, null);
                default :
                    throw new IllegalStateException("tenant '" + slug.value() + "' is still being provisioned");
            }
        }
    }

    /**
     * Marks the tenant DELETED, purgeable after {@code grace}, and disables its accounts and integration clients.
     * Keycloak goes first: if it is down nothing changes, and running the command again finishes the job.
     */
    public Change delete(TenantSlug slug, Duration grace) throws SQLException {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative: " + grace);
        }
        requireIdentities("delete");
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            TenantRegistryTable.Row row = registry.find(slug).orElseThrow(() -> unknown(slug));
            if (row.status().equals("PROVISIONING")) {
                throw new IllegalStateException("tenant '" + slug.value() + "' is still being provisioned");
            }
            disableAccounts(slug);
            if (row.status().equals("DELETED")) {
                return new Change(slug, "DELETED", false, row.deleteAfter());
            }
            Instant deleteAfter = registry.markDeleted(slug, grace);
            LOG.log(Level.INFO, "deleted tenant {0}; purge after {1}", slug.value(), deleteAfter);
            return new Change(slug, "DELETED", true, deleteAfter);
        }
    }

    /**
     * Removes every tenant whose grace period is over: Keycloak first (integration clients, accounts, organization),
     * then schema, requests and registry row, so a failure half-way leaves a DELETED row the next purge retries.
     * One tenant failing does not stop the others. Returns the purged slugs.
     */
    public List<String> purge() throws SQLException {
        requireIdentities("purge");
        List<String> purged = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (TenantRegistryTable.Row row : registry.duePurge()) {
            TenantSlug slug = row.tenant();
            try (TenantLock lock = TenantLock.acquire(database, slug)) {
                identities.removeTenant(slug);
                new TenantProvisioning(database, identities).consoleAddress(slug, false);
                try (Connection c = database.connect()) {
                    c.setAutoCommit(false);
                    try (var s = c.createStatement()) {
                        s.execute("DROP SCHEMA IF EXISTS " + slug.schemaName() + " CASCADE");
                    }
                    try (PreparedStatement s = c
                            .prepareStatement("DELETE FROM platform.control_request WHERE tenant_slug = ?")) {
                        s.setString(1, slug.value());
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "DELETE FROM platform.tenant WHERE slug = ? AND status = 'DELETED'")) {
                        s.setString(1, slug.value());
                        s.executeUpdate();
                    }
                    c.commit();
                }
                purged.add(slug.value());
                LOG.log(Level.INFO, "purged tenant {0}", slug.value());
            } catch (SQLException | RuntimeException e) {
                failed.add(slug.value() + ": " + ServiceUnavailable.describe(e));
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("purge failed for " + failed.size() + " tenant(s) (purged "
                    + purged.size() + "; run again): " + String.join("; ", failed));
        }
        return purged;
    }

    private void restore(TenantSlug slug) throws SQLException {
        requireIdentities("restore a deleted tenant");
        String version = migrations.migrateTenant(slug); // it missed the migrations run while it was deleted
        Set<String> deactivated = users.deactivatedUsernames(slug);
        for (UserRepresentation user : identities.tenantUsers(slug)) {
            if (!deactivated.contains(user.getUsername())) {
                identities.setEnabled(user.getId(), true);
            }
        }
        for (ClientRepresentation client : identities.integrationClients(slug)) {
            identities.setClientEnabled(client.getId(), true);
        }
        registry.markActive(slug, version);
        LOG.log(Level.INFO, "restored deleted tenant {0}", slug.value());
    }

    private void disableAccounts(TenantSlug slug) {
        for (UserRepresentation user : identities.tenantUsers(slug)) {
            identities.setEnabled(user.getId(), false);
        }
        for (ClientRepresentation client : identities.integrationClients(slug)) {
            identities.setClientEnabled(client.getId(), false);
        }
    }

    private String statusOf(TenantSlug slug) throws SQLException {
        return registry.find(slug).orElseThrow(() -> unknown(slug)).status();
    }

    private void requireIdentities(String what) {
        if (identities == null) {
            throw new IllegalStateException("to " + what + " the control plane needs Keycloak");
        }
    }

    private static IllegalStateException unknown(TenantSlug slug) {
        return new IllegalStateException("tenant '" + slug.value() + "' does not exist");
    }
}
