package org.tesseracrm.platform.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.ControlRequestKind;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/**
 * Queues work for the control plane (which owns DDL and Keycloak admin rights) and reads back how it went. The insert
 * fires a NOTIFY that wakes the worker; callers poll the request.
 */
@ApplicationScoped
public class ControlRequests {

    private static final String COLUMNS = "id, kind, tenant_slug, status, attempts, outcome::text AS outcome,"
            + " requested_by, created_at, updated_at";

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** Queues a request; returns it as stored (PENDING). */
    public ControlRequest submit(ControlRequestKind kind, String tenantSlug, JsonObject payload, String requestedBy) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO platform.control_request (kind, tenant_slug, payload, requested_by)"
                                + " VALUES (?, ?, ?::jsonb, ?) RETURNING " + COLUMNS)) {
            s.setString(1, kind.name());
            s.setString(2, tenantSlug);
            s.setString(3, payload.toString());
            s.setString(4, requestedBy);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return read(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the control-plane request could not be queued", e);
        }
    }

    /** A request by id (a malformed id finds nothing); with a tenant, only that tenant's requests are visible. */
    public Optional<ControlRequest> find(String requestId, Optional<String> tenantSlug) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String sql = "SELECT " + COLUMNS + " FROM platform.control_request WHERE id = ?"
                + (tenantSlug.isPresent() ? " AND tenant_slug = ?" : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            if (tenantSlug.isPresent()) {
                s.setString(2, tenantSlug.get());
            }
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("control-plane requests cannot be read", e);
        }
    }

    private static ControlRequest read(ResultSet row) throws SQLException {
        return new ControlRequest(row.getObject("id", UUID.class), ControlRequestKind.valueOf(row.getString("kind")),
                row.getString("tenant_slug"), row.getString("status"), row.getInt("attempts"), row.getString(
                        "outcome"),
                row.getString("requested_by"), row.getObject("created_at", OffsetDateTime.class),
                row.getObject("updated_at", OffsetDateTime.class));
    }
}
