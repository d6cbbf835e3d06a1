package org.tesseracrm.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data plane's database role is least privilege by construction: DML on tenant data, no DDL anywhere else. */
@ExtendWith(CrmInfrastructure.class)
class DatabaseRolesIT {

    private static Connection asDataPlane() throws SQLException {
        return DriverManager.getConnection(CrmInfrastructure.services().database().settings().jdbcUrl(),
                CrmInfrastructure.APP_ROLE, CrmInfrastructure.APP_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE t_acme.contact", "ALTER TABLE t_acme.contact ADD COLUMN x int",
            "TRUNCATE t_acme.contact", "CREATE TABLE t_acme.evil (i int)", "CREATE SCHEMA evil",
            "CREATE TABLE public.evil (i int)", "DROP SCHEMA t_globex CASCADE",
            "UPDATE platform.tenant SET status = 'ACTIVE'",
            "DELETE FROM platform.tenant", "CREATE ROLE evil"})
    void dataPlaneRoleCannotChangeStructureOrTheRegistry(String statement) throws SQLException {
        try (Connection c = asDataPlane(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(statement)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void dataPlaneRoleReadsAndWritesTenantData() throws SQLException {
        try (Connection c = asDataPlane(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThat(s.executeUpdate("UPDATE t_acme.contact SET phone = phone")).isPositive();
            assertThat(s.executeQuery("SELECT count(*) FROM platform.tenant").next()).isTrue();
            c.rollback();
        }
    }

    /**
     * What tenant isolation in the data plane rests on (TenantEntityManagers): without its per-transaction search
     * path, an unqualified tenant table resolves to nothing; with it, only to that tenant's; and the setting is gone
     * when the transaction ends, so the pooled connection carries no tenant to its next user.
     */
    @Test
    void unqualifiedTenantTablesResolveOnlyInsideATransactionThatNamedTheTenant() throws SQLException {
        try (Connection c = asDataPlane(); Statement s = c.createStatement()) {
            assertThat(resolved(s, "contact")).as("default search path").isNull();
            c.setAutoCommit(false);
            s.executeQuery("SELECT set_config('search_path', '\"t_acme\"', true)").close();
            assertThat(resolved(s, "contact")).isEqualTo("t_acme");
            c.commit();
            assertThat(resolved(s, "contact")).as("after commit").isNull();
            s.executeQuery("SELECT set_config('search_path', '\"t_globex\"', true)").close();
            assertThat(resolved(s, "contact")).isEqualTo("t_globex");
            c.rollback();
            assertThat(resolved(s, "contact")).as("after rollback").isNull();
        }
    }

    /** The schema an unqualified table name resolves to, or null. */
    private static String resolved(Statement statement, String table) throws SQLException {
        try (var rows = statement.executeQuery("SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = "
                + "to_regclass('" + table + "')")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
