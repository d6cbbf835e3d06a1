package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tenant lifecycle on the database side: provision (registry row, schema, migrations, optional sample data) and
 * migrate every tenant. A provisioning that fails half-way is rolled back, so a tenant is either whole or absent.
 */
public final class TenantProvisioning {

    private static final Logger LOG = System.getLogger(TenantProvisioning.class.getName());

    private final ControlPlaneDatabase database;
    private final Migrations migrations;
    private final TenantRegistryTable registry;

    public TenantProvisioning(ControlPlaneDatabase database) {
        this.database = database;
        this.migrations = new Migrations(database);
        this.registry = new TenantRegistryTable(database);
    }

    /** The tenant already exists in the registry. */
    public static class TenantAlreadyExists extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TenantAlreadyExists(TenantSlug slug) {
            super("tenant '" + slug.value() + "' already exists");
        }
    }

    /** Provisions a tenant; returns the schema version it reached. */
    public String provision(TenantSlug slug, String name, boolean withSampleData) throws SQLException {
        if (!registry.claim(slug, name)) {
            throw new TenantAlreadyExists(slug);
        }
        try {
            String version = migrations.migrateTenant(slug);
            if (withSampleData) {
                insertSampleData(slug);
            }
            registry.markActive(slug, version);
            LOG.log(Level.INFO, "provisioned tenant {0} (schema {1}, version {2})", slug.value(), slug.schemaName(),
                    version);
            return version;
        } catch (RuntimeException | SQLException e) {
            rollBack(slug, e);
            throw e;
        }
    }

    /** Migrates every tenant that is not deleted, {@code parallelism} at a time; returns the slugs migrated. */
    public List<String> migrateAll(int parallelism) throws SQLException, InterruptedException {
        List<TenantRegistryTable.Row> tenants = registry.list().stream().filter(t -> !t.status().equals("DELETED"))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (TenantRegistryTable.Row tenant : tenants) {
                results.add(pool.submit(() -> {
                    TenantSlug slug = new TenantSlug(tenant.slug());
                    String version = migrations.migrateTenant(slug);
                    registry.recordSchemaVersion(slug, version);
                    return slug.value();
                }));
            }
            List<String> migrated = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                try {
                    migrated.add(results.get(i).get());
                } catch (ExecutionException e) {
                    failed.add(tenants.get(i).slug() + ": " + e.getCause().getMessage());
                }
            }
            if (!failed.isEmpty()) {
                // every other tenant is done and recorded; re-running migrates only what is left
                throw new IllegalStateException("migration failed for " + failed.size() + " tenant(s): " + failed);
            }
            return migrated;
        } finally {
            pool.shutdown();
        }
    }

    public List<TenantRegistryTable.Row> list() throws SQLException {
        return registry.list();
    }

    private void rollBack(TenantSlug slug, Exception cause) {
        LOG.log(Level.WARNING, "provisioning of " + slug.value() + " failed; rolling back", cause);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + slug.schemaName() + " CASCADE");
            registry.delete(slug);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void insertSampleData(TenantSlug slug) throws SQLException {
        String schema = slug.schemaName();
        String[][] accounts = {{"Northwind Traders", "northwind.example"}, {"Contoso Ltd", "contoso.example"},
                {"Initech", "initech.example"}};
        String[][] contacts = {{"Nancy", "Davolio", "nancy@northwind.example", "0"},
                {"Andrew", "Fuller", "andrew@northwind.example", "0"},
                {"Kim", "Abercrombie", "kim@contoso.example", "1"},
                {"Peter", "Gibbons", "peter@initech.example", "2"}, {"Bill", "Lumbergh", "bill@initech.example", "2"}};
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            List<String> accountIds = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema
                    + ".account (name, domain, created_by) VALUES (?, ?, 'sample-data') RETURNING id")) {
                for (String[] account : accounts) {
                    s.setString(1, account[0]);
                    s.setString(2, account[1]);
                    try (var r = s.executeQuery()) {
                        r.next();
                        accountIds.add(r.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema
                    + ".contact (account_id, first_name, last_name, email, created_by)"
                    + " VALUES (?::uuid, ?, ?, ?, 'sample-data')")) {
                for (String[] contact : contacts) {
                    s.setString(1, accountIds.get(Integer.parseInt(contact[3])));
                    s.setString(2, contact[0]);
                    s.setString(3, contact[1]);
                    s.setString(4, contact[2]);
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
    }
}
