package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code platform.tenant}, the registry of tenants. */
final class TenantRegistryTable {

    /** One registry row. {@code deleteAfter} is set for DELETED tenants only. */
    record Row(String slug, String name, String status, String schemaName, String schemaVersion, Integer maxUsers,
            Instant deleteAfter, String adminUsername) {

        TenantSlug tenant() {
            return new TenantSlug(slug);
        }
    }

    private static final String COLUMNS = "slug, name, status, schema_name, schema_version, max_users, delete_after,"
            + " admin_username";

    private final ControlPlaneDatabase database;

    TenantRegistryTable(ControlPlaneDatabase database) {
        this.database = database;
    }

    /** Inserts a PROVISIONING row; false if the slug is taken. */
    boolean claim(TenantSlug slug, String name, String adminUsername) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO platform.tenant (slug, name, status, schema_name, admin_username)
                VALUES (?, ?, 'PROVISIONING', ?, ?) ON CONFLICT (slug) DO NOTHING""")) {
            s.setString(1, slug.value());
            s.setString(2, name);
            s.setString(3, slug.schemaName());
            s.setString(4, adminUsername);
            return s.executeUpdate() == 1;
        }
    }

    Optional<Row> find(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT " + COLUMNS + " FROM platform.tenant WHERE slug = ?")) {
            s.setString(1, slug.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    void markActive(TenantSlug slug, String schemaVersion) throws SQLException {
        update("UPDATE platform.tenant SET status = 'ACTIVE', schema_version = ?, delete_after = NULL,"
                + " updated_at = now(), version = version + 1 WHERE slug = ?", schemaVersion, slug);
    }

    /** Moves a tenant from one status to another; false if it was not in {@code from}. */
    boolean changeStatus(TenantSlug slug, String from, String to) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                UPDATE platform.tenant SET status = ?, delete_after = NULL, updated_at = now(), version = version + 1
                WHERE slug = ? AND status = ?""")) {
            s.setString(1, to);
            s.setString(2, slug.value());
            s.setString(3, from);
            return s.executeUpdate() == 1;
        }
    }

    /** Marks a tenant DELETED, to be purged after {@code grace}; returns when. */
    Instant markDeleted(TenantSlug slug, Duration grace) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                UPDATE platform.tenant SET status = 'DELETED', delete_after = now() + ?::interval, updated_at = now(),
                       version = version + 1
                WHERE slug = ? AND status IN ('ACTIVE', 'SUSPENDED') RETURNING delete_after""")) {
            s.setString(1, grace.getSeconds() + " seconds");
            s.setString(2, slug.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("tenant '" + slug.value() + "' is not active or suspended");
                }
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    void recordSchemaVersion(TenantSlug slug, String schemaVersion) throws SQLException {
        update("UPDATE platform.tenant SET schema_version = ?, updated_at = now(), version = version + 1"
                + " WHERE slug = ?", schemaVersion, slug);
    }

    void delete(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("DELETE FROM platform.tenant WHERE slug = ?")) {
            s.setString(1, slug.value());
            s.executeUpdate();
        }
    }

    List<Row> list() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM platform.tenant ORDER BY slug");
    }

    /** DELETED tenants whose grace period has ended. */
    List<Row> duePurge() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM platform.tenant WHERE status = 'DELETED' AND delete_after <= now()"
                + " ORDER BY delete_after");
    }

    private List<Row> query(String sql) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(row(r));
            }
            return rows;
        }
    }

    private static Row row(ResultSet r) throws SQLException {
        Integer maxUsers = r.getObject(6, Integer.class);
        Timestamp deleteAfter = r.getTimestamp(7);
        return new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), maxUsers,
                deleteAfter == null ? null : deleteAfter.toInstant(), r.getString(8));
    }

    private void update(String sql, String value, TenantSlug slug) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setString(2, slug.value());
            s.executeUpdate();
        }
    }
}
