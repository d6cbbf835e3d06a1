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
}
