package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Exclusive right to change one tenant's lifecycle (provision, suspend, delete, purge), as a PostgreSQL session
 * advisory lock. PostgreSQL drops it with the connection, so a crashed run never leaves a tenant locked, and a
 * PROVISIONING row nobody holds the lock for is the leftover of such a crash.
 */
final class TenantLock implements AutoCloseable {

    private final Connection connection;

    private TenantLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock or fails at once with {@link ServiceUnavailable} (retry later), naming the tenant. */
    static TenantLock acquire(ControlPlaneDatabase database, TenantSlug slug) throws SQLException {
        Connection connection = database.connect();
        try (PreparedStatement s = connection
                .prepareStatement("SELECT pg_try_advisory_lock(hashtextextended('tenant:' || ?, 0))")) {
            s.setString(1, slug.value());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    // not a refusal: the other run finishes or dies, and then this one can go ahead
                    throw new ServiceUnavailable("tenant '" + slug.value()
                            + "' is being changed by another tenant-config right now; try again when it is done",
                            null);
                }
            }
            return new TenantLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Serialises changes of the console client across control-plane processes: Keycloak only lets a client be written
     * whole, so two provisionings at once would each drop the other's redirect URI. Waits for the holder.
     */
    static TenantLock consoleClient(ControlPlaneDatabase database) throws SQLException {
        Connection connection = database.connect();
        try (PreparedStatement s = connection
                .prepareStatement("SELECT pg_advisory_lock(hashtextextended('console-client', 0))")) {
            s.execute();
            return new TenantLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close(); // ends the session, which releases the lock
    }
}
