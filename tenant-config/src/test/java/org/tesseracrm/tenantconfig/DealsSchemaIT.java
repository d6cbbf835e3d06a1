package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tesseracrm.tenantconfig.ControlPlaneServices.Services;

/** The pipelines, deals and tasks migration on real PostgreSQL: the seeded pipeline and the rules the schema keeps. */
@ExtendWith(ControlPlaneServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealsSchemaIT {

    private static final String SCHEMA = "t_deals_schema";

    private Services services;

    @BeforeAll
    void migrate() {
        services = ControlPlaneServices.services();
        new Migrations(services.database()).migrateTenant(new TenantSlug("deals-schema"));
    }

    @Test
    void everyTenantStartsWithTheDefaultSalesPipeline() throws SQLException {
        assertThat(services.count("SELECT count(*) FROM " + SCHEMA + ".pipeline WHERE name = 'Sales' AND is_default"
                + " AND created_by = 'system'")).isEqualTo(1);
        assertThat(rows("SELECT s.name || ':' || s.probability || ':' || s.is_won || ':' || s.is_lost FROM " + SCHEMA
                + ".pipeline_stage s JOIN " + SCHEMA + ".pipeline p ON p.id = s.pipeline_id WHERE p.is_default"
                + " ORDER BY s.position")).containsExactly("Lead:10:false:false", "Qualified:25:false:false",
                        "Proposal:50:false:false", "Negotiation:75:false:false", "Won:100:true:false",
                        "Lost:0:false:true");
    }

    @Test
    void theSchemaKeepsItsRules() throws SQLException {
        execute("INSERT INTO " + SCHEMA + ".pipeline (name, created_by) VALUES ('Renewals', 'it')");
        assertRefused("INSERT INTO " + SCHEMA + ".pipeline (name, created_by) VALUES ('SALES', 'it')");
        assertRefused("UPDATE " + SCHEMA + ".pipeline SET is_default = true WHERE name = 'Renewals'");
        assertRefused("INSERT INTO " + SCHEMA + ".pipeline_stage (pipeline_id, name, position, probability, is_won,"
                + " is_lost, created_by) SELECT id, 'Both', 9, 50, true, true, 'it' FROM " + SCHEMA
                + ".pipeline WHERE name = 'Renewals'");
        execute("INSERT INTO " + SCHEMA + ".pipeline_stage (pipeline_id, name, position, probability, created_by)"
                + " SELECT id, 'Talk', 0, 20, 'it' FROM " + SCHEMA + ".pipeline WHERE name = 'Renewals'");

        String sales = "(SELECT id FROM " + SCHEMA + ".pipeline WHERE name = 'Sales')";
        String lead = "(SELECT id FROM " + SCHEMA + ".pipeline_stage WHERE name = 'Lead')";
        String talk = "(SELECT id FROM " + SCHEMA + ".pipeline_stage WHERE name = 'Talk')";
        String deal = "INSERT INTO " + SCHEMA + ".deal (name, owner, value, currency, probability, pipeline_id,"
                + " stage_id, created_by, tags) VALUES ('Big one', 'ann', %s, '%s', 10, " + sales + ", %s, 'it',"
                + " '{vip,q3}')";
        execute(String.format(deal, "1000.50", "EUR", lead));
        assertRefused(String.format(deal, "1", "eur", lead));
        assertRefused(String.format(deal, "-1", "EUR", lead));
        assertRefused(String.format(deal, "1", "EUR", talk)); // a stage of another pipeline
        assertThat(services.count("SELECT count(*) FROM " + SCHEMA + ".deal WHERE tags @> '{vip}'")).isEqualTo(1);
        assertRefused("UPDATE " + SCHEMA + ".deal SET status = 'lost', closed_at = now()"); // no reason
        assertRefused("DELETE FROM " + SCHEMA + ".pipeline_stage WHERE name = 'Lead'"); // holds a deal

        assertRefused("INSERT INTO " + SCHEMA + ".task (title, assignee, recurrence_frequency, recurrence_interval,"
                + " created_by) VALUES ('Call', 'ann', 'weekly', 1, 'it')"); // recurring without due time
        execute("INSERT INTO " + SCHEMA + ".task (title, assignee, due_at, recurrence_frequency, recurrence_interval,"
                + " deal_id, created_by) SELECT 'Call', 'ann', now(), 'weekly', 1, id, 'it' FROM " + SCHEMA
                + ".deal");
    }

    @Test
    void stagesCanSwapPositionsWithinATransaction() throws SQLException {
        try (Connection c = services.database().connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE " + SCHEMA + ".pipeline_stage SET position = 1 WHERE name = 'Lead'");
            s.execute("UPDATE " + SCHEMA + ".pipeline_stage SET position = 0 WHERE name = 'Qualified'");
            c.commit();
            s.execute("UPDATE " + SCHEMA + ".pipeline_stage SET position = 0 WHERE name = 'Lead'");
            s.execute("UPDATE " + SCHEMA + ".pipeline_stage SET position = 1 WHERE name = 'Qualified'");
            c.commit();
        }
    }

    @Test
    void theDataPlaneRoleMayWriteTheNewTables() throws SQLException {
        assertThat(services.count("SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = ?"
                + " AND table_schema = ? AND privilege_type = 'INSERT' AND table_name IN ('pipeline',"
                + " 'pipeline_stage', 'deal', 'deal_stage_change', 'task')", services.database().appRole(), SCHEMA))
                .isEqualTo(5);
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOf(SQLException.class);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = services.database().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = services.database().connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
