package org.tesseracrm.platform.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Idempotency keys of the current tenant. A key is claimed and completed with the response inside the request's own
 * transaction ({@link RequestTransaction}), so the key, the write and the stored response commit together; a
 * concurrent retry with the same key waits on the key's row until the first request ends, then replays it. A client
 * error, whose transaction rolled back, is stored afterwards on its own. Keys live 24 h.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdempotencyRecords {

    /** What a key already stands for: the request it was first used with and, once done, its response. */
    public record Stored(String method, String path, String requestHash, Integer status, String contentType,
            String location, String etag, String body) {

        public boolean done() {
            return status != null;
        }
    }

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    TenantSql tenantSql;

    /** Claims the key for this request; the existing record if the key was used before (within 24 h). */
    public Optional<Stored> claim(String caller, String key, String method, String path, String requestHash) {
        String table = tenantSql.table("idempotency_record");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement expired = c.prepareStatement("DELETE FROM " + table
                    + " WHERE caller = ? AND key = ? AND created_at < now() - interval '24 hours'")) {
                expired.setString(1, caller);
                expired.setString(2, key);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (caller, key, method, path, request_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, caller);
                insert.setString(2, key);
                insert.setString(3, method);
                insert.setString(4, path);
                insert.setString(5, requestHash);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT method, path, request_hash, status,"
                    + " content_type, location, etag, body FROM " + table + " WHERE caller = ? AND key = ?")) {
                select.setString(1, caller);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        // released between our insert attempt and this read: treat as in progress, the client retries
                        return Optional.of(new Stored(method, path, requestHash, null, null, null, null, null));
                    }
                    Integer status = (Integer) row.getObject(4);
                    return Optional.of(new Stored(row.getString(1), row.getString(2), row.getString(3), status,
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency claim failed", e); // outages are told apart by the cause
        }
    }

    public void complete(String caller, String key, int status, String contentType, String location, String etag,
            String body) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE " + tenantSql.table("idempotency_record")
                        + " SET status = ?, content_type = ?, location = ?, etag = ?, body = ?"
                        + " WHERE caller = ? AND key = ?")) {
            update.setInt(1, status);
            update.setString(2, contentType);
            update.setString(3, location);
            update.setString(4, etag);
            update.setString(5, body);
            update.setString(6, caller);
            update.setString(7, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency completion failed", e);
        }
    }

    /**
     * Stores the response to a request that changed nothing (a client error, whose transaction rolled back), in a
     * transaction of its own, so a retry gets the same answer without running again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void storeRefusal(String caller, String key, String method, String path, String requestHash, int status,
            String contentType, String body) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + tenantSql.table("idempotency_record")
                        + " (caller, key, method, path, request_hash, status, content_type, body)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, caller);
            insert.setString(2, key);
            insert.setString(3, method);
            insert.setString(4, path);
            insert.setString(5, requestHash);
            insert.setInt(6, status);
            insert.setString(7, contentType);
            insert.setString(8, body);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing a refused request's response failed", e);
        }
    }
}
