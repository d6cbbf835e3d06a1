package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/**
 * The reports (docs/reports.md) against the raw rows: each number is recomputed here from the tables (read past the
 * API, aggregated in Java) or from the lists the report summarises, for the whole tenant and for one rep. Other
 * suites write to the same tenant, so the expectations are computed at the moment of the check, not hard-coded;
 * where a test needs exact numbers it counts only records of its own (a source or currency of its own).
 */
class ReportsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Raw rows of a query against the tenant's schema. */
    private static List<Object[]> raw(String sql, Object... parameters) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = r.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first instant of the report's first day and of the day after its last (default range: 30 days). */
    private static OffsetDateTime[] defaultWindow() throws Exception {
        ZoneId zone = ZoneId.of((String) raw("SELECT time_zone FROM t_acme.workspace_setting").get(0)[0]);
        LocalDate today = LocalDate.now(zone);
        return new OffsetDateTime[]{today.minusDays(29).atStartOfDay(zone).toOffsetDateTime(), today.plusDays(1)
                .atStartOfDay(zone).toOffsetDateTime()};
    }

    private JsonPath report(String user, String path) {
        return api.as(user, ACME).get("/api/v1/reports/" + path).then().statusCode(200).extract().jsonPath();
    }

    private String lead(String source) {
        return api.as("acme-rep", ACME).body(Map.of("lastName", "Report lead " + unique(), "source", source))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    private void move(String lead, String status) {
        api.as("acme-rep", ACME).body(Map.of("status", status)).patch("/api/v1/leads/" + lead).then()
                .statusCode(200).body("status", equalTo(status));
    }

    @Test
    void theLeadFunnelAgreesWithTheLeadsAndTheirHistory() throws Exception {
        String source = "rpt-" + unique();
        lead(source);
        String contacted = lead(source);
        move(contacted, "contacted");
        String proposal = lead(source);
        move(proposal, "contacted");
        move(proposal, "replied");
        move(proposal, "proposal");
        String lost = lead(source);
        move(lost, "contacted");
        move(lost, "closed_lost");

        JsonPath funnel = report("acme-admin", "lead-funnel?groupBy=source");
        Map<String, Object> row = funnel.getMap("rows.find { it.group == '" + source + "' }");
        assertThat(row.get("leads")).isEqualTo(4);
        assertThat(funnel.getMap("rows.find { it.group == '" + source + "' }.byStatus")).containsEntry("new", 1)
                .containsEntry("contacted", 1).containsEntry("proposal", 1).containsEntry("closed_lost", 1)
                .containsEntry("replied", 0).containsEntry("closed_won", 0);
        // how far they got: the lost lead was contacted; the proposal passed replied and (by the order) scheduled
        assertThat(funnel.getMap("rows.find { it.group == '" + source + "' }.reached")).containsEntry("contacted", 3)
                .containsEntry("replied", 1).containsEntry("scheduled", 1).containsEntry("proposal", 1)
                .containsEntry("closed_won", 0);
        assertThat(funnel.getMap("rows.find { it.group == '" + source + "' }.conversion"))
                .containsEntry("new->contacted", "0.7500").containsEntry("contacted->replied", "0.3333")
                .containsEntry("proposal->closed_won", "0.0000");
        // the group is what the lead list shows for that source
        List<String> listed = api.as("acme-viewer", ACME).queryParam("source", source).get("/api/v1/leads").then()
                .statusCode(200).extract().path("results.id");
        assertThat(listed).hasSize(4);

        // the total: every lead created in the range, by its status now, from the raw rows
        OffsetDateTime[] window = defaultWindow();
        Map<String, Integer> byStatus = new HashMap<>();
        int leads = 0;
        for (Object[] r : raw("SELECT status FROM t_acme.lead WHERE deleted_at IS NULL AND created_at >= ? AND"
                + " created_at < ?", window[0], window[1])) {
            byStatus.merge((String) r[0], 1, Integer::sum);
            leads++;
        }
        JsonPath again = report("acme-admin", "lead-funnel");
        assertThat(again.getInt("total.leads")).isEqualTo(leads);
        for (Map.Entry<String, Integer> status : byStatus.entrySet()) {
            assertThat(again.getInt("total.byStatus." + status.getKey())).as(status.getKey())
                    .isEqualTo(status.getValue());
        }
        assertThat(again.getList("rows")).hasSize(1);
        // the rows of any grouping add up to the total
        for (String by : List.of("source", "owner", "week", "month")) {
            List<Integer> counts = report("acme-admin", "lead-funnel?groupBy=" + by).getList("rows.leads");
            assertThat(counts.stream().mapToInt(Integer::intValue).sum()).as(by).isEqualTo(leads);
        }

        // a rep counts their own leads only; a manager may not look past their teams
        int own = ((Number) raw("SELECT count(*) FROM t_acme.lead WHERE deleted_at IS NULL AND created_at >= ? AND"
                + " created_at < ? AND owner = 'acme-rep'", window[0], window[1]).get(0)[0]).intValue();
        JsonPath reps = report("acme-rep", "lead-funnel");
        assertThat(reps.getInt("total.leads")).isEqualTo(own);
        assertThat(reps.getList("range.owners")).containsExactly("acme-rep");
        api.as("acme-rep", ACME).queryParam("owner", "acme-admin").get("/api/v1/reports/lead-funnel").then()
                .statusCode(403).contentType(startsWith("application/problem+json"));
        assertThat(report("acme-admin", "lead-funnel?owner=acme-rep").getInt("total.leads")).isEqualTo(own);

        // the CSV has the same rows, the total last
        String csv = api.as("acme-admin", ACME).get("/api/v1/reports/lead-funnel/csv?groupBy=source").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("group,leads,byStatus.new,");
        assertThat(lines).anyMatch(line -> line.startsWith(source + ",4,1,1,0,0,1,0,1,"));
        assertThat(lines.get(lines.size() - 1)).startsWith("total," + leads + ",");
        assertThat(lines).hasSize(report("acme-admin", "lead-funnel?groupBy=source").getList("rows").size() + 2);
    }

    @Test
    void callsEmailsAndActivitiesAgreeWithTheActivities() throws Exception {
        String lead = lead("rpt-calls-" + unique());
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        api.as("acme-rep", ACME).body(Map.of("completedAt", now, "outcome", "Connected", "durationSeconds", 300,
                "objections", "Cost, timeline")).post("/api/v1/leads/" + lead + "/calls").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("completedAt", now, "outcome", "Connected", "durationSeconds", 100,
                "objections", "cost")).post("/api/v1/leads/" + lead + "/calls").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("scheduledFor", OffsetDateTime.now(ZoneOffset.UTC).plusHours(2)
                .toString(), "subject", "Follow-up")).post("/api/v1/leads/" + lead + "/calls").then().statusCode(201);

        OffsetDateTime[] window = defaultWindow();
        List<Object[]> calls = raw("SELECT author, completed_at IS NOT NULL, scheduled_for IS NOT NULL,"
                + " duration_seconds, objections FROM t_acme.activity WHERE type = 'CALL' AND deleted_at IS NULL AND"
                + " occurred_at >= ? AND occurred_at < ?", window[0], window[1]);
        JsonPath report = report("acme-rep", "calls");
        long repCalls = calls.stream().filter(c -> c[0].equals("acme-rep")).count();
        long repCompleted = calls.stream().filter(c -> c[0].equals("acme-rep") && (Boolean) c[1]).count();
        long repScheduled = calls.stream().filter(c -> c[0].equals("acme-rep") && !(Boolean) c[1] && (Boolean) c[2])
                .count();
        assertThat(report.getList("rows")).hasSize(1);
        assertThat(report.getLong("total.calls")).isEqualTo(repCalls);
        assertThat(report.getLong("total.completed")).isEqualTo(repCompleted);
        assertThat(report.getLong("total.scheduled")).isEqualTo(repScheduled).isGreaterThanOrEqualTo(1);
        double average = calls.stream().filter(c -> c[0].equals("acme-rep") && (Boolean) c[1] && c[3] != null)
                .mapToInt(c -> (Integer) c[3]).average().orElseThrow();
        assertThat(report.getLong("total.averageDurationSeconds")).isEqualTo(Math.round(average));
        long cost = calls.stream().filter(c -> c[0].equals("acme-rep") && c[4] != null).flatMap(c -> List.of(
                ((String) c[4]).split(",")).stream()).filter(o -> o.strip().equalsIgnoreCase("cost")).count();
        assertThat(report.getLong("objections.find { it.name == 'cost' }.count")).isEqualTo(cost)
                .isGreaterThanOrEqualTo(2);
        assertThat(report.getLong("outcomes.find { it.name == 'Connected' }.count")).isGreaterThanOrEqualTo(2);

        // activities per rep: every author's counts by type, as the table holds them
        JsonPath activities = report("acme-admin", "activities");
        Map<String, long[]> expected = new HashMap<>();
        for (Object[] r : raw("SELECT author, type FROM t_acme.activity WHERE deleted_at IS NULL AND type <>"
                + " 'EMAIL_DRAFT' AND occurred_at >= ? AND occurred_at < ?", window[0], window[1])) {
            long[] n = expected.computeIfAbsent((String) r[0], k -> new long[2]);
            n[0]++;
            if (r[1].equals("CALL")) {
                n[1]++;
            }
        }
        assertThat(activities.getList("rows")).hasSize(expected.size());
        expected.forEach((author, n) -> {
            assertThat(activities.getLong("rows.find { it.rep == '" + author + "' }.total")).as(author)
                    .isEqualTo(n[0]);
            assertThat(activities.getLong("rows.find { it.rep == '" + author + "' }.calls")).as(author)
                    .isEqualTo(n[1]);
        });
        assertThat(activities.getLong("total.calls")).isEqualTo(calls.size());

        // e-mail performance: the outbox's sent e-mails and what became of them (other suites sent some)
        List<Object[]> sent = raw("SELECT o.delivered_at IS NOT NULL, o.first_opened_at IS NOT NULL,"
                + " o.first_clicked_at IS NOT NULL, o.replied_at IS NOT NULL, o.bounced_at IS NOT NULL FROM"
                + " t_acme.mail_outbox o JOIN t_acme.activity x ON x.id = o.activity_id WHERE x.deleted_at IS NULL"
                + " AND o.sent_at >= ? AND o.sent_at < ?", window[0], window[1]);
        for (String by : List.of("rep", "template", "sequence")) {
            JsonPath email = report("acme-admin", "email-performance?groupBy=" + by);
            assertThat(email.getLong("total.sent")).as(by).isEqualTo(sent.size());
            for (int i = 0; i < 5; i++) {
                int column = i;
                String name = List.of("delivered", "opened", "clicked", "replied", "bounced").get(i);
                assertThat(email.getLong("total." + name)).as(by + " " + name).isEqualTo(sent.stream().filter(
                        s -> (Boolean) s[column]).count());
            }
            List<Integer> perGroup = email.getList("rows.sent");
            assertThat(perGroup.stream().mapToInt(Integer::intValue).sum()).as(by).isEqualTo(sent.size());
        }
    }

    @Test
    void dealReportsAgreeWithTheDeals() throws Exception {
        // a currency of this test's own, so the per-currency rows hold exactly its deals
        String currency = List.of("NOK", "SEK", "DKK", "PLN", "CZK", "HUF").get((int) (Math.random() * 6));
        String tag = unique();
        LocalDate inAMonth = LocalDate.now(ZoneOffset.UTC).plusDays(20);
        List<String> deals = new ArrayList<>();
        int[] values = {1000, 2000, 3000, 4000};
        int[] probabilities = {80, 40, 50, 50};
        for (int i = 0; i < values.length; i++) {
            deals.add(api.as("acme-rep", ACME).body(Map.of("name", "Report deal " + tag + " " + i, "value",
                    values[i], "currency", currency, "probability", probabilities[i], "expectedCloseDate", inAMonth
                            .toString()))
                    .post("/api/v1/deals").then().statusCode(201).extract().path("id"));
        }
        api.as("acme-rep", ACME).post("/api/v1/deals/" + deals.get(2) + "/win").then().statusCode(200);
        api.as("acme-rep", ACME).body(Map.of("reason", "Price " + tag, "competitor", "Globex " + tag))
                .post("/api/v1/deals/" + deals.get(3) + "/lose").then().statusCode(200);

        // win rate: every deal closed in the range, from the raw rows, and this test's lost reason
        OffsetDateTime[] window = defaultWindow();
        List<Object[]> closed = raw("SELECT status, lost_reason FROM t_acme.deal WHERE deleted_at IS NULL AND status"
                + " <> 'open' AND closed_at >= ? AND closed_at < ?", window[0], window[1]);
        long won = closed.stream().filter(d -> d[0].equals("won")).count();
        long lost = closed.size() - won;
        JsonPath winRate = report("acme-admin", "win-rate");
        assertThat(winRate.getLong("total.won")).isEqualTo(won);
        assertThat(winRate.getLong("total.lost")).isEqualTo(lost);
        assertThat(new BigDecimal(winRate.getString("total.winRate"))).isEqualByComparingTo(BigDecimal.valueOf(won)
                .divide(BigDecimal.valueOf(won + lost), 4, java.math.RoundingMode.HALF_UP));
        assertThat(winRate.getLong("lostReasons.find { it.name == 'Price " + tag + "' }.count")).isEqualTo(1);
        assertThat(winRate.getLong("competitors.find { it.name == 'Globex " + tag + "' }.count")).isEqualTo(1);
        List<Integer> perMonth = report("acme-admin", "win-rate?groupBy=month").getList("rows.won");
        assertThat(perMonth.stream().mapToLong(Integer::longValue).sum()).isEqualTo(won);

        // forecast for this currency: two open deals expected in a month's time, one won today
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath forecast = report("acme-rep", "forecast?from=" + today.minusDays(1) + "&to=" + inAMonth.plusDays(
                40));
        List<Map<String, Object>> rows = forecast.getList("rows.findAll { it.currency == '" + currency + "' }");
        BigDecimal pipeline = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal likely = BigDecimal.ZERO;
        BigDecimal wonValue = BigDecimal.ZERO;
        long open = 0;
        for (Map<String, Object> row : rows) {
            pipeline = pipeline.add(new BigDecimal((String) row.get("pipeline")));
            weighted = weighted.add(new BigDecimal((String) row.get("weighted")));
            likely = likely.add(new BigDecimal((String) row.get("likely")));
            wonValue = wonValue.add(new BigDecimal((String) row.get("won")));
            open += ((Number) row.get("openDeals")).longValue();
        }
        assertThat(open).isEqualTo(2);
        assertThat(pipeline).isEqualByComparingTo("3000");
        assertThat(wonValue).isEqualByComparingTo("3000");
        // weighted: won 3000 + 1000 × 80 % + 2000 × 40 %; likely: won + the 80 % deal
        assertThat(weighted).isEqualByComparingTo("4600");
        assertThat(likely).isEqualByComparingTo("4000");

        // velocity for this currency: 2 open × 3000 average won × 0.5 win rate ÷ days to win
        JsonPath velocity = report("acme-rep", "pipeline-velocity");
        Map<String, Object> row = velocity.getMap("rows.find { it.currency == '" + currency + "' }");
        assertThat(row.get("openDeals")).isEqualTo(2);
        assertThat(row.get("openValue")).isEqualTo("3000.00");
        assertThat(row.get("won")).isEqualTo(1);
        assertThat(row.get("lost")).isEqualTo(1);
        assertThat(row.get("winRate")).isEqualTo("0.5000");

        // time in stage: open deals per stage as the deal table holds them
        JsonPath stages = report("acme-admin", "time-in-stage");
        Map<String, Long> openByStage = new HashMap<>();
        for (Object[] r : raw("SELECT p.name || '/' || s.name, count(d.id) FROM t_acme.pipeline_stage s JOIN"
                + " t_acme.pipeline p ON p.id = s.pipeline_id LEFT JOIN t_acme.deal d ON d.stage_id = s.id AND"
                + " d.status = 'open' AND d.deleted_at IS NULL GROUP BY 1")) {
            openByStage.put((String) r[0], ((Number) r[1]).longValue());
        }
        List<Map<String, Object>> stageRows = stages.getList("rows");
        assertThat(stageRows).hasSize(openByStage.size());
        for (Map<String, Object> stage : stageRows) {
            assertThat(((Number) stage.get("openDeals")).longValue()).as(stage.get("stage").toString()).isEqualTo(
                    openByStage.get(stage.get("pipeline") + "/" + stage.get("stage")));
        }
    }

    @Test
    void agingAndMissedFollowUpsAgreeWithTheOpenLeadsAndTasks() throws Exception {
        String overdue = lead("rpt-aging-" + unique());
        api.as("acme-rep", ACME).body(Map.of("nextFollowUpAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3)
                .toString())).patch("/api/v1/leads/" + overdue).then().statusCode(200);
        api.as("acme-rep", ACME)
                .body(Map.of("title", "Overdue " + unique(), "dueAt",
                        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString()))
                .post("/api/v1/tasks").then().statusCode(201);

        List<Object[]> open = raw("SELECT owner, extract(epoch FROM now() - created_at) / 86400 FROM t_acme.lead WHERE"
                + " deleted_at IS NULL AND converted_at IS NULL AND status NOT IN ('closed_won', 'closed_lost')");
        JsonPath aging = report("acme-admin", "lead-aging");
        assertThat(aging.getLong("total.open")).isEqualTo(open.size());
        long young = open.stream().filter(l -> ((Number) l[1]).doubleValue() <= 7).count();
        assertThat(aging.getLong("total.days0To7")).isEqualTo(young);
        long repOpen = open.stream().filter(l -> "acme-rep".equals(l[0])).count();
        assertThat(report("acme-rep", "lead-aging").getLong("total.open")).isEqualTo(repOpen);

        long leadsDue = ((Number) raw("SELECT count(*) FROM t_acme.lead WHERE deleted_at IS NULL AND converted_at IS"
                + " NULL AND status NOT IN ('closed_won', 'closed_lost') AND next_follow_up_at < now() AND owner ="
                + " 'acme-rep'").get(0)[0]).longValue();
        long tasksDue = ((Number) raw("SELECT count(*) FROM t_acme.task WHERE deleted_at IS NULL AND status <>"
                + " 'completed' AND due_at < now() AND assignee = 'acme-rep'").get(0)[0]).longValue();
        JsonPath missed = report("acme-rep", "missed-follow-ups");
        assertThat(missed.getLong("total.leads")).isEqualTo(leadsDue).isGreaterThanOrEqualTo(1);
        assertThat(missed.getLong("total.tasks")).isEqualTo(tasksDue).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theWeekReportSumsTheReportsOfItsDays() throws Exception {
        String lead = lead("rpt-week-" + unique());
        api.as("acme-rep", ACME).body(Map.of("completedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "outcome",
                "Connected", "durationSeconds", 120)).post("/api/v1/leads/" + lead + "/calls").then().statusCode(201);
        for (String user : List.of("acme-admin", "acme-manager", "acme-rep")) {
            JsonPath week = report(user, "week");
            String from = week.getString("range.from");
            String to = week.getString("range.to");
            assertThat(LocalDate.parse(from).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(LocalDate.parse(to)).isEqualTo(LocalDate.parse(from).plusDays(6));
            assertThat(week.getString("week")).isEqualTo(String.format("%d-W%02d", LocalDate.parse(from).get(
                    java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    LocalDate.parse(from).get(
                            java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            String range = "?from=" + from + "&to=" + to;
            long ownCall = user.equals("acme-manager") ? 0 : 1; // the manager's teams need not hold acme-rep
            JsonPath email = report(user, "email-performance" + range);
            JsonPath calls = report(user, "calls" + range);
            JsonPath deals = report(user, "win-rate" + range);
            JsonPath funnel = report(user, "lead-funnel" + range);
            assertThat(week.getLong("emailsSent")).as(user).isEqualTo(email.getLong("total.sent"));
            assertThat(week.getLong("opened")).as(user).isEqualTo(email.getLong("total.opened"));
            assertThat(week.getString("openRate")).as(user).isEqualTo(email.getString("total.openRate"));
            assertThat(week.getLong("replied")).as(user).isEqualTo(email.getLong("total.replied"));
            assertThat(week.getLong("callsScheduled")).as(user).isEqualTo(calls.getLong("total.calls"))
                    .isGreaterThanOrEqualTo(ownCall);
            assertThat(week.getLong("callsCompleted")).as(user).isEqualTo(calls.getLong("total.completed"));
            assertThat(week.getLong("callsPending")).as(user).isEqualTo(calls.getLong("total.scheduled"));
            assertThat(week.getLong("dealsWon")).as(user).isEqualTo(deals.getLong("total.won"));
            assertThat(week.getLong("newLeads")).as(user).isEqualTo(funnel.getLong("total.leads"))
                    .isGreaterThanOrEqualTo(ownCall);
            // the rows per rep add up to the week
            for (String[] column : new String[][]{{"emailsSent", "emailsSent"}, {"callsScheduled", "callsScheduled"},
                    {"newLeads", "newLeads"}, {"dealsWon", "dealsWon"}}) {
                List<Integer> perRep = week.getList("rows." + column[0]);
                assertThat(perRep.stream().mapToLong(Integer::longValue).sum()).as(user + " " + column[0])
                        .isEqualTo(week.getLong(column[1]));
            }
            // as CSV: a row per rep and the total last
            String csv = api.as(user, ACME).get("/api/v1/reports/week/csv").then().statusCode(200)
                    .contentType(startsWith("text/csv")).extract().asString();
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).startsWith("rep,newLeads,emailsSent");
            assertThat(lines.get(lines.size() - 1)).startsWith("total," + week.getLong("newLeads") + ","
                    + week.getLong("emailsSent"));
            assertThat(lines).hasSize(week.getList("rows").size() + 2);
        }
        assertThat(report("acme-rep", "week").getList("rows.rep")).containsOnly("acme-rep");
        assertThat(report("acme-rep", "week?week=2026-W48").getString("range.from")).isEqualTo("2026-11-23");
        assertThat(report("acme-admin", "week?week=2026-W53").getString("range.to")).isEqualTo("2027-01-03");
        for (String bad : List.of("2025-W53", "2026-W00", "2026-W54", "2026W48", "48", "+10000-W01", "0000-W01")) {
            api.as("acme-admin", ACME).get("/api/v1/reports/week?week=" + bad).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        api.as("acme-rep", ACME).get("/api/v1/reports/week?owner=acme-admin").then().statusCode(403);
        // another tenant's token, the apex host, matrix parameters: refused, never a report
        api.as("globex-admin", ACME).get("/api/v1/reports/week").then().statusCode(403);
        api.as("globex-admin", ACME).get("/api/v1/reports/week/csv").then().statusCode(403);
        api.as("acme-admin", "localhost").get("/api/v1/reports/week").then().statusCode(allOf(
                greaterThanOrEqualTo(400), lessThan(500)));
        api.as("acme-admin", ACME).get("/api/v1/reports/week;x=1").then().statusCode(404);
        api.as("globex-admin", ACME).post("/api/v1/jobs/weekly-report/executions").then().statusCode(403);
    }

    @Test
    void quotasAreSetByAdminsAndManagersAndTheForecastMeasuresAgainstThem() {
        // currencies of this test's own: the forecast's rows for them hold exactly its deals and quotas
        String currency = "ISK";
        String quotaOnly = "RON";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = today.toString().substring(0, 7);
        String deal = api.as("acme-rep", ACME).body(Map.of("name", "Quota deal " + unique(), "value", 250,
                "currency", currency, "probability", 50)).post("/api/v1/deals").then().statusCode(201).extract()
                .path("id");
        api.as("acme-rep", ACME).post("/api/v1/deals/" + deal + "/win").then().statusCode(200);

        String path = "/api/v1/quotas/acme-rep/" + month + "/";
        api.as("acme-admin", ACME).body(Map.of("amount", "1000.00")).put(path + currency.toLowerCase()).then()
                .statusCode(200).body("username", equalTo("acme-rep")).body("period", equalTo(month))
                .body("currency", equalTo(currency)).body("amount", equalTo("1000.00"))
                .body("updatedBy", equalTo("acme-admin"));
        api.as("acme-admin", ACME).body(Map.of("amount", 400)).put(path + quotaOnly).then().statusCode(200)
                .body("amount", equalTo("400.00"));
        // replacing keeps one quota per person, month and currency
        api.as("acme-admin", ACME).body(Map.of("amount", 1000)).put(path + currency).then().statusCode(200);
        assertThat(api.as("acme-rep", ACME).queryParam("period", month).get("/api/v1/quotas").then().statusCode(200)
                .extract().<List<String>>path("currency")).containsOnlyOnce(currency, quotaOnly);

        JsonPath forecast = report("acme-rep", "forecast?from=" + today.withDayOfMonth(1) + "&to=" + today
                .withDayOfMonth(today.lengthOfMonth()));
        BigDecimal won = new BigDecimal(forecast.getString("rows.find { it.currency == '" + currency
                + "' && it.period == '" + month + "' }.won"));
        assertThat(won).isGreaterThanOrEqualTo(new BigDecimal("250.00"));
        assertThat(forecast.getString("rows.find { it.currency == '" + currency + "' }.quota")).isEqualTo("1000.00");
        assertThat(new BigDecimal(forecast.getString("rows.find { it.currency == '" + currency + "' }.attainment")))
                .isEqualByComparingTo(won.divide(new BigDecimal("1000"), 4, java.math.RoundingMode.HALF_UP));
        // a month with a quota and nothing won yet still has its row
        assertThat(forecast.getString("rows.find { it.currency == '" + quotaOnly + "' }.won")).isEqualTo("0.00");
        assertThat(forecast.getString("rows.find { it.currency == '" + quotaOnly + "' }.quota")).isEqualTo("400.00");
        assertThat(forecast.getString("rows.find { it.currency == '" + quotaOnly + "' }.attainment"))
                .isEqualTo("0.0000");
        // the admin sees everyone's quotas summed; a viewer reads them; a rep sees only their own
        assertThat(report("acme-admin", "forecast?from=" + today.withDayOfMonth(1) + "&to=" + today).getString(
                "rows.find { it.currency == '" + quotaOnly + "' }.quota")).isEqualTo("400.00");
        api.as("acme-viewer", ACME).get("/api/v1/quotas?username=acme-rep").then().statusCode(200);
        api.as("acme-rep", ACME).get("/api/v1/quotas?username=acme-admin").then().statusCode(403);

        // who may set them
        api.as("acme-rep", ACME).body(Map.of("amount", 1)).put(path + currency).then().statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("amount", 1)).put(path + currency).then().statusCode(403);
        api.as("acme-manager", ACME).body(Map.of("amount", 1)).put("/api/v1/quotas/acme-manager/" + month + "/EUR")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        // another tenant has none of them
        api.as("globex-admin", "globex.localhost").get("/api/v1/quotas?username=acme-rep").then().statusCode(200)
                .body("size()", equalTo(0));
        api.as("globex-admin", ACME).get("/api/v1/quotas").then().statusCode(403);
        api.as("globex-admin", ACME).body(Map.of("amount", 1)).put(path + currency).then().statusCode(403);
        api.as("acme-admin", "localhost").body(Map.of("amount", 1)).put(path + currency).then().statusCode(allOf(
                greaterThanOrEqualTo(400), lessThan(500)));
        api.as("acme-admin", ACME).body(Map.of("amount", 1)).put(path + currency + ";x=1").then().statusCode(
                allOf(greaterThanOrEqualTo(400), lessThan(500)));
        // bad input: clear 400s, nothing written
        for (Object[] bad : new Object[][]{{"acme-rep", "2026-13", "EUR", 1}, {"acme-rep", month, "EURO", 1},
                {"acme-rep", month, "QQQ", 1}, {"acme-rep", month, "EUR", -1}, {"acme-rep", month, "EUR", "1.234"},
                {"nobody-" + unique(), month, "EUR", 1}, {"acme-rep", "26-01", "EUR", 1}}) {
            api.as("acme-admin", ACME).body(Map.of("amount", bad[3])).put("/api/v1/quotas/" + bad[0] + "/" + bad[1]
                    + "/" + bad[2]).then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        api.as("acme-admin", ACME).body(Map.of("amount", 1, "extra", true)).put(path + "EUR").then()
                .statusCode(400);
        api.as("acme-admin", ACME).body(Map.of()).put(path + "EUR").then().statusCode(400);
        api.as("acme-admin", ACME).get("/api/v1/quotas?period=2026-1").then().statusCode(400);
        assertThat(api.as("acme-admin", ACME).queryParam("username", "acme-rep").queryParam("period", month)
                .get("/api/v1/quotas").then().extract().<List<String>>path("currency")).containsExactlyInAnyOrder(
                        currency, quotaOnly);

        api.as("acme-admin", ACME).delete(path + quotaOnly).then().statusCode(204);
        api.as("acme-admin", ACME).delete(path + quotaOnly).then().statusCode(404);
        api.as("acme-admin", ACME).delete(path + currency).then().statusCode(204);
    }

    @Test
    void badReportRequestsAreProblems() {
        for (String path : List.of("lead-funnel?from=2026-13-01", "lead-funnel?from=yesterday",
                "lead-funnel?from=2026-02-01&to=2026-01-01", "lead-funnel?from=1990-01-01&to=2026-01-01",
                "lead-funnel?groupBy=nope", "email-performance?groupBy=owner", "win-rate?groupBy=week",
                "lead-funnel?from=+999999999-01-01", "forecast?to=2026-02-30")) {
            api.as("acme-admin", ACME).get("/api/v1/reports/" + path).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        api.as("acme-admin", ACME).get("/api/v1/reports/nope/csv").then().statusCode(404);
        api.on(ACME).get("/api/v1/reports/lead-funnel").then().statusCode(401);
        api.as("globex-admin", ACME).get("/api/v1/reports/lead-funnel").then().statusCode(403);
        // another tenant's report counts its own records only
        report("acme-viewer", "lead-funnel");
        api.as("globex-admin", "globex.localhost").get("/api/v1/reports/lead-funnel").then().statusCode(200);
    }
}
