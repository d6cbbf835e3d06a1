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
        return Flyway.configure().dataSource(database.dataSource()).schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations(location).placeholders(Map.of("appRole", database.appRole()))
                .failOnMissingLocations(true).cleanDisabled(true);
    }
}
