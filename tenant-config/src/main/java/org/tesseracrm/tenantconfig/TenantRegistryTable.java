package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code platform.tenant}, the registry of tenants. */
final class TenantRegistryTable {

    record Row(String slug, String name, String status, String schemaName, String schemaVersion) {
    }

    private final ControlPlaneDatabase database;

    TenantRegistryTable(ControlPlaneDatabase database) {
        this.database = database;
    }

    /** Inserts a PROVISIONING row; false if the slug is taken. */
    boolean claim(TenantSlug slug, String name) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO platform.tenant (slug, name, status, schema_name) VALUES (?, ?, 'PROVISIONING', ?)
                ON CONFLICT (slug) DO NOTHING""")) {
            s.setString(1, slug.value());
            s.setString(2, name);
            s.setString(3, slug.schemaName());
            return s.executeUpdate() == 1;
        }
    }

    void markActive(TenantSlug slug, String schemaVersion) throws SQLException {
        update(slug, "UPDATE platform.tenant SET status = 'ACTIVE', schema_version = ?, updated_at = now(),"
                + " version = version + 1 WHERE slug = ?", schemaVersion);
    }

    void recordSchemaVersion(TenantSlug slug, String schemaVersion) throws SQLException {
        update(slug, "UPDATE platform.tenant SET schema_version = ?, updated_at = now(), version = version + 1"
                + " WHERE slug = ?", schemaVersion);
    }

    void delete(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("DELETE FROM platform.tenant WHERE slug = ?")) {
            s.setString(1, slug.value());
            s.executeUpdate();
        }
    }

    List<Row> list() throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT slug, name, status, schema_name, schema_version FROM platform.tenant ORDER BY slug");
                ResultSet r = s.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
            }
            return rows;
        }
    }

    private void update(TenantSlug slug, String sql, String schemaVersion) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schemaVersion);
            s.setString(2, slug.value());
            s.executeUpdate();
        }
    }
}
