package org.tesseracrm.tenantconfig;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The two Flyway sets: {@code db/platform} (registry, batch schema) and {@code db/tenant} (one schema per tenant). */
public final class Migrations {

    private final ControlPlaneDatabase database;

    public Migrations(ControlPlaneDatabase database) {
        this.database = database;
    }

    /** Brings the platform schema up to date. */
    public MigrateResult migratePlatform() {
        return configure("platform", "classpath:db/platform").load().migrate();
    }

    /** Brings one tenant schema up to date (creating it if needed); returns the schema version reached. */
    public String migrateTenant(TenantSlug slug) {
        MigrateResult result = configure(slug.schemaName(), "classpath:db/tenant").load().migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration configure(String schema, String location) {
        // session-level advisory locks let Flyway use ONE connection, so each migration and its schema history row
        // commit together; with its default transactional lock it writes the row on a second connection after the
        // migration committed, and a kill in between left the DDL done but unrecorded (the rerun then failed on
        // "already exists": MigrateAllIT saw it)
        org.flywaydb.core.api.configuration.FluentConfiguration configuration = Flyway.configure();
        configuration.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
        return configuration.dataSource(database.dataSource()).schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations(location).placeholders(Map.of("appRole", database.appRole()))
                .failOnMissingLocations(true).cleanDisabled(true);
    }
}
