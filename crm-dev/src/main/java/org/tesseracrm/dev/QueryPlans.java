package org.tesseracrm.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Prints {@code EXPLAIN (ANALYZE, BUFFERS)} of the SQL the list, search and timeline endpoints send (as
 * {@code RecordQueries} builds it), against the database of a running {@code ./crm up} (tenant {@code acme}). Run it
 * after {@code ./crm bench} so the tables hold enough rows for the planner to choose as it will in production:
 * {@code ./crm explain}.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    private static String single(Connection c, String sql) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    public static void main(String[] args) throws Exception {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("crm.home", ".crm"), "secrets.properties"))) {
            secrets.load(in);
        }
        String url = "jdbc:postgresql://localhost:" + System.getProperty("crm.db.port", "15432") + "/crm";
        String schema = "\"t_" + System.getProperty("crm.bench.tenant", "acme") + "\"";
        Map<String, List<Object>> queries = new LinkedHashMap<>();
        queries.put("contacts, first page (default sort createdAt)",
                List.of("SELECT id, (created_at)::text AS sort_value FROM "
                        + schema + ".contact WHERE deleted_at IS NULL ORDER BY (created_at) ASC, id ASC LIMIT 51"));
        queries.put("contacts?owner=…&sort=-createdAt, a later page",
                List.of("SELECT id, (created_at)::text AS sort_value FROM "
                        + schema + ".contact WHERE deleted_at IS NULL AND ((owner) = ?) AND (((created_at), id) <"
                        + " (CAST(? AS timestamptz), ?::uuid)) ORDER BY (created_at) DESC, id DESC LIMIT 51",
                        "acme-admin",
                        "2100-01-01 00:00:00+00", "ffffffff-ffff-ffff-ffff-ffffffffffff"));
        queries.put("contacts?tags=group-3&owner=…&sort=-createdAt",
                List.of("SELECT id, (created_at)::text AS sort_value FROM "
                        + schema + ".contact WHERE deleted_at IS NULL AND (tags @> ARRAY[?]::text[] AND (owner) = ?)"
                        + " ORDER BY (created_at) DESC, id DESC LIMIT 51", "group-3", "acme-admin"));
        queries.put("contacts/search {query: \"contact123\"} (full text)",
                List.of("SELECT id, (created_at)::text AS sort_value"
                        + " FROM " + schema + ".contact WHERE deleted_at IS NULL AND search @@ to_tsquery('simple', ?)"
                        + " ORDER BY (created_at) ASC, id ASC LIMIT 51", "'contact123':*"));
        queries.put("contacts?sort=lastName", List.of("SELECT id, (lower(last_name))::text AS sort_value FROM " + schema
                + ".contact WHERE deleted_at IS NULL ORDER BY (lower(last_name)) ASC, id ASC LIMIT 51"));
        try (Connection c = DriverManager.getConnection(url, "crm_app", secrets.getProperty("crm.db.password"))) {
            // real values, so the plans are those of a request that finds something
            String email = single(c, "SELECT lower(email) FROM " + schema + ".contact WHERE email IS NOT NULL"
                    + " ORDER BY created_at DESC LIMIT 1");
            String busiest = single(c, "SELECT contact_id::text FROM " + schema + ".activity WHERE contact_id IS NOT"
                    + " NULL GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1");
            queries.put("contacts?email=… (upsert matching uses the same index)", List.of("SELECT id,"
                    + " (created_at)::text AS sort_value FROM " + schema + ".contact WHERE deleted_at IS NULL AND"
                    + " ((lower(email)) = ?) ORDER BY (created_at) ASC, id ASC LIMIT 51", String.valueOf(email)));
            queries.put("contacts/{id}/timeline, activities of the contact with the most", List.of("SELECT id,"
                    + " (occurred_at)::text AS sort_value FROM " + schema + ".activity WHERE deleted_at IS NULL AND"
                    + " ((contact_id) = ?::uuid) ORDER BY (occurred_at) DESC, id DESC LIMIT 101",
                    String.valueOf(busiest)));
            for (Map.Entry<String, List<Object>> query : queries.entrySet()) {
                String sql = (String) query.getValue().get(0);
                System.out.println("### " + query.getKey());
                System.out.println();
                System.out.println("```");
                try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
                    for (int i = 1; i < query.getValue().size(); i++) {
                        s.setObject(i, query.getValue().get(i));
                    }
                    try (ResultSet plan = s.executeQuery()) {
                        while (plan.next()) {
                            System.out.println(plan.getString(1));
                        }
                    }
                }
                System.out.println("```");
                System.out.println();
            }
        }
    }
}
