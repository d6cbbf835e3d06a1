package org.tesseracrm.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./crm bench segments [contacts]}: segment refreshes and report endpoints of a running {@code ./crm up} at
 * scale (default 1,000,000 contacts in tenant acme, with 10,000 accounts, 1,000,000 activities and 100,000 deals,
 * inserted once in SQL and tagged {@code bench-seg}; a second run reuses them).
 *
 * <p>Segment: a dynamic segment (tag AND (account industry OR last contact in 30 days), about 5 % of the contacts)
 * is created through the API. Then, in rounds, 1 % of the contacts change so that they enter or leave it, and the
 * refresh runs alternately through the API ({@code POST /segments/{id}/refresh}: HTTP, token, tenant, rule
 * compilation, lock, statement, size, commit) and as the bare set-based statement written by hand over JDBC (the same
 * predicate as literal SQL, inserts, deletes and change rows, in its own transaction). Prints the median of each
 * and their ratio, at 0 % churn too, and how many membership rows each refresh wrote (segment_member inserts and
 * deletes from the statistics views) against the entries and exits it reported.
 *
 * <p>Reports: each report endpoint 20 times as {@code crm.bench.user} (an admin: everything counted); p50 and p95.
 */
public final class SegmentBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(\\d+)");
    private static final int ROUNDS = 3;

    private final BenchTarget target = BenchTarget.fromSystemProperties();
    private final String schema = target.schema();

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        new SegmentBenchmark().run(contacts);
    }

    private void run(int contacts) throws Exception {
        try (Connection db = DriverManager.getConnection(SequenceDrainBenchmark.databaseUrl(), "crm_app",
                SequenceDrainBenchmark.secrets().getProperty("crm.db.password"))) {
            db.setAutoCommit(true);
            seed(db, contacts);
            segments(db, contacts);
            reports();
        }
    }

    private void seed(Connection db, int contacts) throws Exception {
        long present = single(db, "SELECT count(*) FROM " + schema + ".contact WHERE created_by = 'bench-seg'");
        if (present >= contacts) {
            System.out.printf(Locale.ROOT, "Data: %,d bench contacts present, reused%n", present);
            return;
        }
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM " + schema + ".deal WHERE created_by = 'bench-seg'");
            s.execute("DELETE FROM " + schema + ".activity WHERE created_by = 'bench-seg'");
            s.execute("DELETE FROM " + schema + ".contact WHERE created_by = 'bench-seg'");
            s.execute("DELETE FROM " + schema + ".account WHERE created_by = 'bench-seg'");
            s.execute("INSERT INTO " + schema + ".account (id, name, industry, owner, created_by) SELECT"
                    + " gen_random_uuid(), 'Bench account ' || g, (ARRAY['Software', 'Retail', 'Finance',"
                    + " 'Health'])[1 + g % 4], 'acme-admin', 'bench-seg' FROM generate_series(1, 10000) g");
            s.execute("INSERT INTO " + schema + ".contact (id, first_name, last_name, email, account_id, owner, tags,"
                    + " last_contact_at, created_by, created_at) SELECT gen_random_uuid(), 'Bench', 'Contact ' || g,"
                    + " 'bench-seg-' || g || '@example.com', a.ids[1 + g % 10000], (ARRAY['acme-admin', 'acme-rep',"
                    + " 'acme-manager'])[1 + g % 3], ARRAY['bench-seg', 'bseg-' || (g % 10)], now() - (g % 90) *"
                    + " interval '1 day', 'bench-seg', now() - (g % 365) * interval '1 day' FROM generate_series(1, "
                    + contacts + ") g, (SELECT array_agg(id ORDER BY id) AS ids FROM " + schema + ".account WHERE"
                    + " created_by = 'bench-seg') a");
            s.execute("INSERT INTO " + schema + ".activity (type, subject, occurred_at, completed_at,"
                    + " duration_seconds, outcome, contact_id, author, created_by) SELECT (ARRAY['CALL', 'NOTE',"
                    + " 'MEETING', 'EMAIL'])[1 + n % 4], 'Bench', now() - (n % 60) * interval '1 day', CASE WHEN n % 4"
                    + " = 0 THEN now() - (n % 60) * interval '1 day' END, CASE WHEN n % 4 = 0 THEN 60 + n % 600 END,"
                    + " CASE WHEN n % 4 = 0 THEN 'Connected' END, c.id, c.owner, 'bench-seg' FROM (SELECT id, owner,"
                    + " row_number() OVER () AS n FROM " + schema + ".contact WHERE created_by = 'bench-seg') c");
            s.execute("INSERT INTO " + schema + ".deal (name, contact_id, owner, value, currency, probability,"
                    + " pipeline_id, stage_id, status, closed_at, lost_reason, expected_close_date, created_by,"
                    + " created_at) SELECT 'Bench deal ' || c.n, c.id, c.owner, 100 + c.n % 10000, 'EUR', 10 + c.n"
                    + " % 80, p.pipeline_id, p.stage_id, s.status, CASE WHEN s.status <> 'open' THEN now() - (c.n %"
                    + " 60) * interval '1 day' END, CASE WHEN s.status = 'lost' THEN 'Price' END, current_date +"
                    + " (c.n % 120)::int, 'bench-seg', now() - (c.n % 200) * interval '1 day' FROM (SELECT id,"
                    + " owner, row_number() OVER () AS n FROM " + schema + ".contact WHERE created_by = 'bench-seg'"
                    + " LIMIT " + Math.max(1, contacts / 10) + ") c CROSS JOIN LATERAL (SELECT CASE WHEN c.n % 10 <"
                    + " 7 THEN 'open' WHEN c.n % 10 < 9 THEN 'won' ELSE 'lost' END AS status) s CROSS JOIN (SELECT"
                    + " st.pipeline_id, st.id AS stage_id FROM " + schema + ".pipeline_stage st JOIN " + schema
                    + ".pipeline pl ON pl.id = st.pipeline_id WHERE pl.is_default ORDER BY st.position LIMIT 1) p");
            for (String table : List.of("account", "contact", "activity", "deal")) {
                s.execute("ANALYZE " + schema + "." + table);
            }
        }
        System.out.printf(Locale.ROOT, "Data: %,d contacts, 10,000 accounts, %,d activities, %,d deals inserted in"
                + " %.1f s%n", contacts, contacts, contacts / 10, (System.nanoTime() - started) / 1e9);
    }

    private void segments(Connection db, int contacts) throws Exception {
        String rules = "{\"all\": [{\"field\": \"tags\", \"operator\": \"has\", \"value\": \"bseg-3\"}, {\"any\":"
                + " [{\"field\": \"account.industry\", \"value\": \"Software\"}, {\"field\": \"lastContactAt\","
                + " \"operator\": \"gte\", \"value\": \"now-30d\"}]}]}";
        long createStarted = System.nanoTime();
        String created = target.call("POST", "/api/v1/segments", "{\"name\": \"Bench segment " + System
                .currentTimeMillis() + "\", \"objectType\": \"contact\", \"rules\": " + rules + "}", 201);
        double createSeconds = (System.nanoTime() - createStarted) / 1e9;
        Matcher id = ID.matcher(created);
        id.find();
        String segment = id.group(1);
        System.out.printf(Locale.ROOT, "Segment over %,d contacts: created and filled through the API in %.2f s,"
                + " %,d members%n", contacts, createSeconds, number(created, "size"));
        List<Double> api = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> apiIdle = new ArrayList<>();
        List<Double> bareIdle = new ArrayList<>();
        long churn = Math.max(2, contacts / 100);
        for (int round = 0; round < ROUNDS; round++) {
            long[] before = memberWrites(db);
            change(db, churn);
            long started = System.nanoTime();
            String refresh = target.call("POST", "/api/v1/segments/" + segment + "/refresh", "", 200);
            api.add((System.nanoTime() - started) / 1e9);
            long[] after = memberWrites(db);
            System.out.printf(Locale.ROOT, "  round %d API refresh: %.3f s, entered %,d, exited %,d; segment_member"
                    + " rows written: %,d inserted, %,d deleted%n", round + 1, api.get(api.size() - 1),
                    number(
                            refresh, "entered"),
                    number(refresh, "exited"), after[0] - before[0], after[1]
                            - before[1]);
            change(db, churn);
            bare.add(bareRefresh(db, segment));
            started = System.nanoTime();
            target.call("POST", "/api/v1/segments/" + segment + "/refresh", "", 200);
            apiIdle.add((System.nanoTime() - started) / 1e9);
            bareIdle.add(bareRefresh(db, segment));
        }
        System.out.printf(Locale.ROOT, "Refresh at 1 %% churn (%,d contacts changed): API median %.3f s, bare"
                + " statement median %.3f s, ratio %.2f×%n", churn, median(api), median(bare),
                median(api) / median(
                        bare));
        System.out.printf(Locale.ROOT, "Refresh at 0 %% churn: API median %.3f s, bare statement median %.3f s,"
                + " ratio %.2f×%n", median(apiIdle), median(bareIdle), median(apiIdle) / median(bareIdle));
        target.call("DELETE", "/api/v1/segments/" + segment, "", 204);
    }

    /** 1 % of the contacts swap the segment's tag: half of the tagged lose it, as many untagged gain it. */
    private void change(Connection db, long churn) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("UPDATE " + schema + ".contact SET tags = array_remove(tags, 'bseg-3') WHERE id IN (SELECT id"
                    + " FROM " + schema + ".contact WHERE created_by = 'bench-seg' AND tags @> '{bseg-3}' ORDER BY"
                    + " random() LIMIT " + churn / 2 + ")");
            s.execute("UPDATE " + schema + ".contact SET tags = tags || '{bseg-3}'::text[] WHERE id IN (SELECT id"
                    + " FROM " + schema + ".contact WHERE created_by = 'bench-seg' AND NOT tags @> '{bseg-3}' ORDER"
                    + " BY random() LIMIT " + churn / 2 + ")");
        }
    }

    /** The refresh as one would write it by hand for this rule: literal predicate, no API around it. */
    private double bareRefresh(Connection db, String segment) throws Exception {
        String t = schema + ".";
        String sql = "WITH matched AS MATERIALIZED (SELECT r.id FROM " + t + "contact r LEFT JOIN " + t + "account a"
                + " ON a.id = r.account_id AND a.deleted_at IS NULL WHERE r.deleted_at IS NULL AND r.tags @>"
                + " '{bseg-3}' AND (a.industry = 'Software' OR r.last_contact_at >= now() - interval '30 days')),"
                + " entered AS (INSERT INTO " + t + "segment_member (segment_id, record_id, entered_at) SELECT"
                + " '" + segment + "', id, now() FROM matched ON CONFLICT DO NOTHING RETURNING record_id), exited AS"
                + " (DELETE FROM " + t + "segment_member s WHERE s.segment_id = '" + segment + "' AND NOT EXISTS"
                + " (SELECT 1 FROM matched m WHERE m.id = s.record_id) RETURNING record_id), changes AS (INSERT INTO "
                + t + "segment_change (segment_id, record_id, change) SELECT CAST('" + segment
                + "' AS uuid), record_id,"
                + " 'entered' FROM entered UNION ALL SELECT CAST('" + segment
                + "' AS uuid), record_id, 'exited' FROM exited"
                + " RETURNING 1) SELECT (SELECT count(*) FROM matched), (SELECT count(*) FROM changes)";
        long started = System.nanoTime();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** segment_member inserts and deletes so far, once the statistics of earlier transactions have arrived. */
    private long[] memberWrites(Connection db) throws Exception {
        Thread.sleep(11_000); // backends report their table statistics at least every 10 s when idle
        try (PreparedStatement s = db.prepareStatement("SELECT n_tup_ins, n_tup_del FROM pg_stat_user_tables WHERE"
                + " schemaname = ? AND relname = 'segment_member'")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[]{r.getLong(1), r.getLong(2)};
            }
        }
    }

    private void reports() throws Exception {
        System.out.println("Reports (20 calls each, default range: the last 30 days):");
        for (String report : List.of("lead-funnel", "email-performance", "calls", "win-rate", "pipeline-velocity",
                "time-in-stage", "activities", "lead-aging", "missed-follow-ups", "forecast?to=" + java.time.LocalDate
                        .now().plusDays(120))) {
            List<Double> times = new ArrayList<>();
            target.call("GET", "/api/v1/reports/" + report, "", 200); // warm-up
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                target.call("GET", "/api/v1/reports/" + report, "", 200);
                times.add((System.nanoTime() - started) / 1e6);
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "  %-20s p50 %6.0f ms   p95 %6.0f ms%n", report.replaceAll("\\?.*", ""),
                    times.get(9), times.get(18));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile(NUMBER.pattern().formatted(field)).matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
