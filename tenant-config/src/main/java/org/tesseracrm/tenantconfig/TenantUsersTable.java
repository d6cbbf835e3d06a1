package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;

/**
 * Writes a tenant's {@code app_user} table, the data plane's mirror of the tenant's people in Keycloak. The schema name
 * comes from a validated {@link TenantSlug}, never from raw input.
 */
final class TenantUsersTable {

    private final ControlPlaneDatabase database;

    TenantUsersTable(ControlPlaneDatabase database) {
        this.database = database;
    }

    /** Records an invited person (again, if re-invited: the role and Keycloak id are refreshed); returns the row id. */
    String recordInvited(TenantSlug slug, String keycloakId, NewPerson person, String createdBy) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO "
                        + slug.schemaName()
                        + ".app_user (keycloak_id, username, email, first_name, last_name, role, status,"
                        + " created_by) VALUES (?, ?, ?, ?, ?, ?, 'INVITED', ?)"
                        + " ON CONFLICT (username) DO UPDATE SET keycloak_id = EXCLUDED.keycloak_id, role = EXCLUDED.role,"
                        + " status = CASE WHEN app_user.status = 'ACTIVE' THEN 'ACTIVE' ELSE 'INVITED' END,"
                        + " updated_at = now(), version = app_user.version + 1 RETURNING id")) {
            s.setString(1, keycloakId);
            s.setString(2, person.username());
            s.setString(3, person.email());
            s.setString(4, person.firstName());
            s.setString(5, person.lastName());
            s.setString(6, person.role());
            s.setString(7, createdBy);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /**
     * Brings one person's row in line with Keycloak (made there directly, e.g. in its admin console or by a realm
     * import): inserted if missing, role and names refreshed; ACTIVE, INVITED while the invitation's actions are
     * pending, DEACTIVATED when the account is disabled. True if the row was inserted or changed.
     */
    boolean mirror(TenantSlug slug, TenantIdentities.TenantPerson person, String createdBy) throws SQLException {
        String status = !person.enabled() ? "DEACTIVATED" : person.invitationPending() ? "INVITED" : "ACTIVE";
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO " + slug.schemaName()
                        + ".app_user AS u (keycloak_id, username, email, first_name, last_name, role, status,"
                        + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (username) DO UPDATE SET keycloak_id = EXCLUDED.keycloak_id,"
                        + " email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,"
                        + " role = EXCLUDED.role, status = EXCLUDED.status, updated_at = now(), version = u.version + 1"
                        + " WHERE (u.keycloak_id, u.email, u.first_name, u.last_name, u.role, u.status)"
                        + " IS DISTINCT FROM (EXCLUDED.keycloak_id, EXCLUDED.email, EXCLUDED.first_name,"
                        + " EXCLUDED.last_name, EXCLUDED.role, EXCLUDED.status)")) {
            s.setString(1, person.id());
            s.setString(2, person.username());
            s.setString(3, person.email());
            s.setString(4, person.firstName());
            s.setString(5, person.lastName());
            s.setString(6, person.role());
            s.setString(7, status);
            s.setString(8, createdBy);
            return s.executeUpdate() == 1;
        }
    }

    /** Marks a person DEACTIVATED; false if the tenant has no such user row. */
    boolean markDeactivated(TenantSlug slug, String username) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("UPDATE "
                        + slug.schemaName() + ".app_user SET status = 'DEACTIVATED', updated_at = now(),"
                        + " version = version + 1 WHERE username = ?")) {
            s.setString(1, username);
            return s.executeUpdate() == 1;
        }
    }

    /** Usernames an administrator deactivated: restoring a deleted tenant must leave them disabled. */
    Set<String> deactivatedUsernames(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT username FROM " + slug.schemaName() + ".app_user WHERE status = 'DEACTIVATED'");
                ResultSet r = s.executeQuery()) {
            Set<String> usernames = new HashSet<>();
            while (r.next()) {
                usernames.add(r.getString(1));
            }
            return usernames;
        }
    }

    /** People who count against the plan's user limit. */
    int countNotDeactivated(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM " + slug.schemaName() + ".app_user WHERE status <> 'DEACTIVATED'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
