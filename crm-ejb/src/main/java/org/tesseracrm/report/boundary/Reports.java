package org.tesseracrm.report.boundary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.report.entity.ReportData;
import org.tesseracrm.report.entity.ReportData.Count;
import org.tesseracrm.report.entity.ReportData.Range;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantSql;
import org.tesseracrm.workspace.boundary.Workspace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The sales reports (docs/reports.md), each one read-only SQL over the tenant's tables. Who is counted follows the
 * caller ({@link RecordAccess#reportOwners}): a rep their own records, a manager their teams', an admin everyone's.
 * Days are the workspace's time zone's; a range's {@code to} day is included.
 */
@ApplicationScoped
@Transactional
public class Reports {

    static final int MAX_DAYS = 3660;
    private static final Pattern ISO_WEEK = Pattern.compile("[0-9]{4}-W[0-9]{2}");

    /** Funnel stages in order; a lead that reached one reached every earlier one. closed_lost is off the path. */
    static final List<String> STAGES = List.of("new", "contacted", "replied", "scheduled", "proposal", "closed_won");
    static final List<String> STATUSES = List.of("new", "contacted", "replied", "scheduled", "proposal",
            "closed_won", "closed_lost");
    private static final String STAGE_RANK = "CASE %s WHEN 'contacted' THEN 1 WHEN 'replied' THEN 2 WHEN"
            + " 'scheduled' THEN 3 WHEN 'proposal' THEN 4 WHEN 'closed_won' THEN 5 ELSE 0 END";

    @Inject
    RecordAccess access;

    @Inject
    TenantSql tenantSql;

    @Inject
    Workspace workspace;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** A resolved range: its days, the instants they span, and the owners counted (null: everyone). */
    public record Window(Range range, OffsetDateTime start, OffsetDateTime end, String[] owners) {

        /** {@code AND <column> = ANY(?)} when owners are limited, with the parameter added. */
        String scope(String column, List<Object> parameters) {
            if (owners == null) {
                return "";
            }
            parameters.add(owners);
            return " AND " + column + " = ANY(?)";
        }
    }

    /** The days and owners a report covers; defaults: the last 30 days, everyone the caller may see. */
    public Window window(LocalDate from, LocalDate to, String owner, Caller caller) {
        String zone = workspace.settings().timeZone();
        ZoneId zoneId = ZoneId.of(zone);
        LocalDate last = to != null ? to : LocalDate.now(zoneId);
        LocalDate first = from != null ? from : last.minusDays(29);
        Timestamps.supported("from", first);
        Timestamps.supported("to", last);
        if (first.isAfter(last)) {
            throw new InvalidInput("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidInput("from", "a report covers at most " + MAX_DAYS + " days");
        }
        Set<String> scope = access.reportOwners(caller);
        List<String> owners = scope == null ? null : scope.stream().sorted().toList();
        if (owner != null && !owner.isBlank()) {
            if (scope != null && !scope.contains(owner.strip())) {
                throw new Forbidden("not-your-team", caller.username() + " may not see the numbers of " + owner
                        .strip());
            }
            owners = List.of(owner.strip());
        }
        return new Window(new Range(first, last, zone, owners), first.atStartOfDay(zoneId).toOffsetDateTime(), last
                .plusDays(1).atStartOfDay(zoneId).toOffsetDateTime(),
                owners == null
                        ? null
                        : owners.toArray(
                                String[]::new));
    }

    /**
     * The days of an ISO week ({@code 2026-W48}; by default the current one) for whoever asks; a week is Monday to
     * Sunday in the workspace's time zone.
     */
    public Window week(String isoWeek, String owner, Caller caller) {
        LocalDate monday = isoWeek == null || isoWeek.isBlank()
                ? LocalDate.now(ZoneId.of(workspace.settings().timeZone())).with(ChronoField.DAY_OF_WEEK, 1)
                : mondayOf(isoWeek);
        return window(monday, monday.plusDays(6), owner, caller);
    }

    /** The Monday of an ISO week given as {@code yyyy-Www}; 400 for anything else or a week that does not exist. */
    public static LocalDate mondayOf(String isoWeek) {
        String week = isoWeek.strip();
        if (!ISO_WEEK.matcher(week).matches()) {
            throw new InvalidInput("week", "must be an ISO week: yyyy-Www, e.g. 2026-W48");
        }
        try {
            return LocalDate.parse(week + "-1", DateTimeFormatter.ISO_WEEK_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("week", "no such week: " + week);
        }
    }

    /** The ISO week a window of {@link #week} covers. */
    public static String weekOf(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(
                IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * A week's figures, each taken from the report that counts it (e-mail performance by rep, calls, win rate by
     * owner, the lead funnel by owner), so that the weekly report and those reports always agree.
     */
    public ReportData.WeekReport weekReport(Window window) {
        ReportData.EmailPerformance emails = emailPerformance(window, "rep");
        ReportData.Calls calls = calls(window);
        ReportData.WinRate deals = winRate(window, "owner");
        ReportData.LeadFunnel leads = leadFunnel(window, "owner");
        Map<String, long[]> byRep = new TreeMap<>(); // newLeads, sent, opened, replied, calls, completed, won, lost
        leads.rows().forEach(r -> byRep.computeIfAbsent(r.group(), k -> new long[8])[0] = r.leads());
        emails.rows().forEach(r -> {
            long[] n = byRep.computeIfAbsent(r.group(), k -> new long[8]);
            n[1] = r.sent();
            n[2] = r.opened();
            n[3] = r.replied();
        });
        calls.rows().forEach(r -> {
            long[] n = byRep.computeIfAbsent(r.rep(), k -> new long[8]);
            n[4] = r.calls();
            n[5] = r.completed();
        });
        deals.rows().forEach(r -> {
            long[] n = byRep.computeIfAbsent(r.group(), k -> new long[8]);
            n[6] = r.won();
            n[7] = r.lost();
        });
        List<ReportData.WeekRow> rows = new ArrayList<>();
        byRep.forEach((rep, n) -> rows.add(new ReportData.WeekRow(rep, n[0], n[1], n[2], n[3], n[4], n[5], n[6],
                n[7])));
        ReportData.EmailRow mail = emails.total();
        ReportData.CallRow call = calls.total();
        return new ReportData.WeekReport(weekOf(window.range().from()), window.range(), leads.total().leads(),
                mail.sent(), mail.delivered(), mail.bounced(), mail.opened(), mail.openRate(), mail.clicked(), mail
                        .clickRate(),
                mail.replied(), mail.replyRate(), call.calls(), call.completed(), call.scheduled(), call
                        .averageDurationSeconds(),
                deals.total().won(), deals.total().lost(), rows);
    }

    /** Leads created in the range, grouped by {@code none}, {@code source}, {@code owner}, {@code week}, {@code month}. */
    public ReportData.LeadFunnel leadFunnel(Window window, String groupBy) {
        String by = groupBy == null ? "none" : groupBy;
        String group = switch (by) {
            case "none" -> "'all'";
            case "source" -> "coalesce(l.source, '(none)')";
            case "owner" -> "coalesce(l.owner, '(nobody)')";
            case "week" -> "to_char(l.created_at AT TIME ZONE ?, 'IYYY-\"W\"IW')";
            case "month" -> "to_char(l.created_at AT TIME ZONE ?, 'YYYY-MM')";
            default -> throw new InvalidInput("groupBy", "must be none, source, owner, week or month");
        };
        List<Object> parameters = new ArrayList<>();
        if (by.equals("week") || by.equals("month")) {
            parameters.add(window.range().timeZone());
        }
        parameters.add(window.start());
        parameters.add(window.end());
        // how far a lead got: the furthest stage of its current status and of every status it ever had
        String sql = "SELECT " + group + ", l.status, greatest(" + STAGE_RANK.formatted("l.status") + ", coalesce(("
                + "SELECT max(" + STAGE_RANK.formatted("c.to_status") + ") FROM " + tenantSql.table(
                        "lead_status_change")
                + " c WHERE c.lead_id = l.id), 0)), count(*) FROM " + tenantSql.table(
                        "lead")
                + " l WHERE l.deleted_at IS NULL AND l.created_at >= ? AND l.created_at < ?"
                + window.scope("l.owner", parameters) + " GROUP BY 1, 2, 3";
        Map<String, long[]> statusCounts = new TreeMap<>();
        Map<String, long[]> reachedCounts = new TreeMap<>();
        for (Object[] row : rows(sql, parameters)) {
            String key = (String) row[0];
            long count = ((Number) row[3]).longValue();
            statusCounts.computeIfAbsent(key, k -> new long[STATUSES.size()])[STATUSES
                    .indexOf((String) row[1])] += count;
            long[] reached = reachedCounts.computeIfAbsent(key, k -> new long[STAGES.size()]);
            for (int stage = 0; stage <= ((Number) row[2]).intValue(); stage++) {
                reached[stage] += count;
            }
        }
        List<ReportData.FunnelRow> rows = new ArrayList<>();
        long[] totalStatus = new long[STATUSES.size()];
        long[] totalReached = new long[STAGES.size()];
        statusCounts.forEach((key, counts) -> {
            rows.add(funnelRow(key, counts, reachedCounts.get(key)));
            Arrays.setAll(totalStatus, i -> totalStatus[i] + counts[i]);
            long[] reached = reachedCounts.get(key);
            Arrays.setAll(totalReached, i -> totalReached[i] + reached[i]);
        });
        return new ReportData.LeadFunnel(window.range(), by, rows, funnelRow("total", totalStatus, totalReached));
    }

    private static ReportData.FunnelRow funnelRow(String group, long[] statuses, long[] reached) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (int i = 0; i < STATUSES.size(); i++) {
            byStatus.put(STATUSES.get(i), statuses[i]);
        }
        Map<String, Long> reachedStages = new LinkedHashMap<>();
        Map<String, String> conversion = new LinkedHashMap<>();
        for (int i = 1; i < STAGES.size(); i++) {
            reachedStages.put(STAGES.get(i), reached[i]);
            conversion.put(STAGES.get(i - 1) + "->" + STAGES.get(i), ReportData.rate(reached[i], reached[i - 1]));
        }
        return new ReportData.FunnelRow(group, reached[0], byStatus, reachedStages, conversion);
    }

    /** E-mails sent in the range, grouped by {@code rep} (who sent), {@code template} or {@code sequence}. */
    public ReportData.EmailPerformance emailPerformance(Window window, String groupBy) {
        String by = groupBy == null ? "rep" : groupBy;
        String group = switch (by) {
            case "rep" -> "x.author";
            case "template" -> "coalesce((SELECT t.name FROM " + tenantSql.table("email_template")
                    + " t WHERE t.id = o.template_id), '(no template)')";
            case "sequence" -> "coalesce((SELECT s.name FROM " + tenantSql.table("sequence_step_run") + " r JOIN "
                    + tenantSql.table("sequence_enrollment") + " e ON e.id = r.enrollment_id JOIN " + tenantSql
                            .table("sequence")
                    + " s ON s.id = e.sequence_id WHERE r.outbox_id = o.id LIMIT 1),"
                    + " (SELECT s.name FROM " + tenantSql.table("email_draft") + " d JOIN " + tenantSql.table(
                            "sequence_enrollment")
                    + " e ON e.id = d.enrollment_id JOIN " + tenantSql.table(
                            "sequence")
                    + " s ON s.id = e.sequence_id WHERE d.outbox_id = o.id LIMIT 1),"
                    + " '(no sequence)')";
            default -> throw new InvalidInput("groupBy", "must be rep, template or sequence");
        };
        List<Object> parameters = new ArrayList<>(List.of(window.start(), window.end()));
        String sql = "SELECT " + group + ", count(*), count(o.delivered_at), count(o.first_opened_at),"
                + " count(o.first_clicked_at), count(o.replied_at), count(o.bounced_at) FROM " + tenantSql.table(
                        "mail_outbox")
                + " o JOIN " + tenantSql.table("activity") + " x ON x.id = o.activity_id"
                + " WHERE o.sent_at >= ? AND o.sent_at < ? AND x.deleted_at IS NULL" + window.scope("x.author",
                        parameters)
                + " GROUP BY 1 ORDER BY 2 DESC, 1";
        List<ReportData.EmailRow> rows = new ArrayList<>();
        long[] total = new long[6];
        for (Object[] row : rows(sql, parameters)) {
            long[] n = longs(row, 1, 6);
            Arrays.setAll(total, i -> total[i] + n[i]);
            rows.add(ReportData.EmailRow.of((String) row[0], n[0], n[1], n[2], n[3], n[4], n[5]));
        }
        return new ReportData.EmailPerformance(window.range(), by, rows, ReportData.EmailRow.of("total", total[0],
                total[1], total[2], total[3], total[4], total[5]));
    }

    /** Calls by rep, their outcomes and the most frequent objections. */
    public ReportData.Calls calls(Window window) {
        List<Object> parameters = new ArrayList<>(List.of(window.start(), window.end()));
        String where = " FROM " + tenantSql.table("activity") + " x WHERE x.type = 'CALL' AND x.deleted_at IS NULL"
                + " AND x.occurred_at >= ? AND x.occurred_at < ?" + window.scope("x.author", parameters);
        List<ReportData.CallRow> rows = new ArrayList<>();
        long[] total = new long[3];
        for (Object[] row : rows("SELECT x.author, count(*), count(*) FILTER (WHERE x.completed_at IS NULL AND"
                + " x.scheduled_for IS NOT NULL), count(*) FILTER (WHERE x.completed_at IS NOT NULL),"
                + " round(avg(x.duration_seconds) FILTER (WHERE x.completed_at IS NOT NULL))" + where
                + " GROUP BY 1 ORDER BY 2 DESC, 1", parameters)) {
            long[] n = longs(row, 1, 3);
            Arrays.setAll(total, i -> total[i] + n[i]);
            rows.add(new ReportData.CallRow((String) row[0], n[0], n[1], n[2], row[4] == null
                    ? null
                    : ((Number) row[4]).longValue()));
        }
        Object[] average = rows("SELECT round(avg(x.duration_seconds) FILTER (WHERE x.completed_at IS NOT NULL))"
                + where, parameters).get(0);
        List<Count> outcomes = counts(rows("SELECT x.outcome, count(*)" + where + " AND x.completed_at IS NOT NULL"
                + " AND x.outcome IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1", parameters));
        List<Count> objections = counts(rows("SELECT lower(btrim(o.objection)), count(*)" + where.replace(" x WHERE",
                " x CROSS JOIN LATERAL unnest(string_to_array(x.objections, ',')) AS o(objection) WHERE")
                + " AND btrim(o.objection) <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", parameters));
        return new ReportData.Calls(window.range(), rows, new ReportData.CallRow("total", total[0], total[1],
                total[2], average[0] == null ? null : ((Number) average[0]).longValue()), outcomes, objections);
    }

    /** Deals closed in the range, grouped by {@code owner} or {@code month}, with lost reasons and competitors. */
    public ReportData.WinRate winRate(Window window, String groupBy) {
        String by = groupBy == null ? "owner" : groupBy;
        List<Object> parameters = new ArrayList<>();
        String group = switch (by) {
            case "owner" -> "d.owner";
            case "month" -> {
                parameters.add(window.range().timeZone());
                yield "to_char(d.closed_at AT TIME ZONE ?, 'YYYY-MM')";
            }
            default -> throw new InvalidInput("groupBy", "must be owner or month");
        };
        parameters.add(window.start());
        parameters.add(window.end());
        String where = " FROM " + tenantSql.table("deal") + " d WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                + " AND d.closed_at >= ? AND d.closed_at < ?" + window.scope("d.owner", parameters);
        List<ReportData.WinRow> rows = new ArrayList<>();
        long won = 0;
        long lost = 0;
        for (Object[] row : rows("SELECT " + group + ", count(*) FILTER (WHERE d.status = 'won'), count(*) FILTER"
                + " (WHERE d.status = 'lost')" + where + " GROUP BY 1 ORDER BY 1", parameters)) {
            long[] n = longs(row, 1, 2);
            won += n[0];
            lost += n[1];
            rows.add(new ReportData.WinRow((String) row[0], n[0], n[1], ReportData.rate(n[0], n[0] + n[1])));
        }
        List<Object> scoped = parameters.subList(by.equals("month") ? 1 : 0, parameters.size());
        List<Count> reasons = counts(rows("SELECT d.lost_reason, count(*)" + where + " AND d.status = 'lost' GROUP BY"
                + " 1 ORDER BY 2 DESC, 1 LIMIT 20", scoped));
        List<Count> competitors = counts(rows("SELECT d.competitor, count(*)" + where + " AND d.status = 'lost' AND"
                + " d.competitor IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", scoped));
        return new ReportData.WinRate(window.range(), by, rows, new ReportData.WinRow("total", won, lost, ReportData
                .rate(won, won + lost)), reasons, competitors);
    }

    /** Per currency: the open pipeline now, and how fast and how often deals were won in the range. */
    public ReportData.PipelineVelocity pipelineVelocity(Window window) {
        List<Object> open = new ArrayList<>();
        String openSql = "SELECT d.currency, count(*), sum(d.value) FROM " + tenantSql.table("deal") + " d WHERE"
                + " d.deleted_at IS NULL AND d.status = 'open'" + window.scope("d.owner", open) + " GROUP BY 1";
        List<Object> closed = new ArrayList<>(List.of(window.start(), window.end()));
        String closedSql = "SELECT d.currency, count(*) FILTER (WHERE d.status = 'won'), count(*) FILTER (WHERE"
                + " d.status = 'lost'), avg(d.value) FILTER (WHERE d.status = 'won'), avg(extract(epoch FROM"
                + " d.closed_at - d.created_at) / 86400) FILTER (WHERE d.status = 'won') FROM " + tenantSql.table(
                        "deal")
                + " d WHERE d.deleted_at IS NULL AND d.status <> 'open' AND d.closed_at >= ? AND"
                + " d.closed_at < ?" + window.scope("d.owner", closed) + " GROUP BY 1";
        Map<String, Object[]> byCurrency = new TreeMap<>();
        for (Object[] row : rows(openSql, open)) {
            byCurrency.computeIfAbsent(((String) row[0]).strip(), k -> new Object[7])[0] = row[1];
            byCurrency.get(((String) row[0]).strip())[1] = row[2];
        }
        for (Object[] row : rows(closedSql, closed)) {
            Object[] values = byCurrency.computeIfAbsent(((String) row[0]).strip(), k -> new Object[7]);
            System.arraycopy(row, 1, values, 2, 4);
        }
        List<ReportData.VelocityRow> rows = new ArrayList<>();
        byCurrency.forEach((currency, v) -> {
            long openDeals = v[0] == null ? 0 : ((Number) v[0]).longValue();
            BigDecimal openValue = v[1] == null ? BigDecimal.ZERO : (BigDecimal) v[1];
            long won = v[2] == null ? 0 : ((Number) v[2]).longValue();
            long lost = v[3] == null ? 0 : ((Number) v[3]).longValue();
            BigDecimal averageWon = v[4] == null ? null : ((BigDecimal) v[4]).setScale(2, RoundingMode.HALF_UP);
            BigDecimal days = v[5] == null ? null : new BigDecimal(v[5].toString()).setScale(2, RoundingMode.HALF_UP);
            String winRate = ReportData.rate(won, won + lost);
            BigDecimal velocity = averageWon == null || winRate == null || days == null || days.signum() == 0
                    ? null
                    : BigDecimal.valueOf(openDeals).multiply(averageWon).multiply(new BigDecimal(winRate)).divide(
                            days, 2, RoundingMode.HALF_UP);
            rows.add(new ReportData.VelocityRow(currency, openDeals, ReportData.decimal(openValue), won, lost,
                    ReportData.decimal(averageWon), winRate, ReportData.decimal(days), ReportData.decimal(velocity)));
        });
        return new ReportData.PipelineVelocity(window.range(), rows);
    }

    /** Every stage of every pipeline: moves out of it in the range and their average stay, and its open deals now. */
    public ReportData.TimeInStage timeInStage(Window window) {
        List<Object> parameters = new ArrayList<>(List.of(window.start(), window.end()));
        String movesScope = window.scope("d.owner", parameters);
        String openScope = window.scope("d.owner", parameters);
        String sql = "SELECT p.name, s.name, s.position, m.moves, m.average_days, o.deals, o.average_days FROM "
                + tenantSql.table("pipeline_stage") + " s JOIN " + tenantSql.table("pipeline") + " p ON p.id ="
                + " s.pipeline_id CROSS JOIN LATERAL (SELECT count(*) AS moves, round(avg(c"
                + ".time_in_previous_stage_seconds) / 86400.0, 2) AS average_days FROM " + tenantSql.table(
                        "deal_stage_change")
                + " c JOIN " + tenantSql.table("deal") + " d ON d.id = c.deal_id WHERE"
                + " c.from_stage_id = s.id AND d.deleted_at IS NULL AND c.changed_at >= ? AND c.changed_at < ?"
                + movesScope + ") m CROSS JOIN LATERAL (SELECT count(*) AS deals, round(avg(extract(epoch FROM now()"
                + " - d.stage_entered_at)) / 86400.0, 2) AS average_days FROM " + tenantSql.table("deal") + " d"
                + " WHERE d.stage_id = s.id AND d.status = 'open' AND d.deleted_at IS NULL" + openScope + ") o"
                + " ORDER BY p.position, p.name, s.position";
        List<ReportData.StageRow> rows = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            rows.add(new ReportData.StageRow((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                    ((Number) row[3]).longValue(), ReportData.decimal(decimal(row[4])), ((Number) row[5]).longValue(),
                    ReportData.decimal(decimal(row[6]))));
        }
        return new ReportData.TimeInStage(window.range(), rows);
    }

    /** Activities in the range by their author and type. */
    public ReportData.Activities activities(Window window) {
        List<Object> parameters = new ArrayList<>(List.of(window.start(), window.end()));
        String sql = "SELECT x.author, count(*) FILTER (WHERE x.type = 'CALL'), count(*) FILTER (WHERE x.type ="
                + " 'MEETING'), count(*) FILTER (WHERE x.type = 'EMAIL'), count(*) FILTER (WHERE x.type = 'NOTE'),"
                + " count(*) FILTER (WHERE x.type = 'TASK'), count(*) FILTER (WHERE x.type IN ('SMS', 'WHATSAPP')),"
                + " count(*) FROM " + tenantSql.table("activity") + " x WHERE x.deleted_at IS NULL AND x.type <>"
                + " 'EMAIL_DRAFT' AND x.occurred_at >= ? AND x.occurred_at < ?" + window.scope("x.author",
                        parameters)
                + " GROUP BY 1 ORDER BY 8 DESC, 1";
        List<ReportData.ActivityRow> rows = new ArrayList<>();
        long[] total = new long[7];
        for (Object[] row : rows(sql, parameters)) {
            long[] n = longs(row, 1, 7);
            Arrays.setAll(total, i -> total[i] + n[i]);
            rows.add(new ReportData.ActivityRow((String) row[0], n[0], n[1], n[2], n[3], n[4], n[5], n[6]));
        }
        return new ReportData.Activities(window.range(), rows, new ReportData.ActivityRow("total", total[0],
                total[1], total[2], total[3], total[4], total[5], total[6]));
    }

    /** Open leads now, by owner and age (the range only limits the owners). */
    public ReportData.LeadAging leadAging(Window window) {
        OffsetDateTime now = Timestamps.now();
        List<Object> parameters = new ArrayList<>(List.of(now));
        String sql = "WITH open AS (SELECT coalesce(l.owner, '(nobody)') AS owner, extract(epoch FROM ? -"
                + " l.created_at) / 86400 AS days FROM " + tenantSql.table("lead") + " l WHERE l.deleted_at IS NULL"
                + " AND l.converted_at IS NULL AND l.status NOT IN ('closed_won', 'closed_lost')" + window.scope(
                        "l.owner", parameters)
                + ") SELECT owner, count(*), count(*) FILTER (WHERE days <= 7),"
                + " count(*) FILTER (WHERE days > 7 AND days <= 30), count(*) FILTER (WHERE days > 30 AND days <="
                + " 90), count(*) FILTER (WHERE days > 90), floor(max(days)) FROM open GROUP BY 1 ORDER BY 2 DESC, 1";
        List<ReportData.AgingRow> rows = new ArrayList<>();
        long[] total = new long[5];
        long oldest = -1;
        for (Object[] row : rows(sql, parameters)) {
            long[] n = longs(row, 1, 5);
            Arrays.setAll(total, i -> total[i] + n[i]);
            long days = ((Number) row[6]).longValue();
            oldest = Math.max(oldest, days);
            rows.add(new ReportData.AgingRow((String) row[0], n[0], n[1], n[2], n[3], n[4], days));
        }
        return new ReportData.LeadAging(now, window.range(), rows, new ReportData.AgingRow("total", total[0],
                total[1], total[2], total[3], total[4], oldest < 0 ? null : oldest));
    }

    /** Open leads whose follow-up is past and tasks past due, now, by owner (assignee for tasks). */
    public ReportData.MissedFollowUps missedFollowUps(Window window) {
        OffsetDateTime now = Timestamps.now();
        List<Object> leadParameters = new ArrayList<>(List.of(now));
        String leads = "SELECT coalesce(l.owner, '(nobody)'), count(*) FROM " + tenantSql.table("lead") + " l"
                + " WHERE l.deleted_at IS NULL AND l.converted_at IS NULL AND l.status NOT IN ('closed_won',"
                + " 'closed_lost') AND l.next_follow_up_at < ?" + window.scope("l.owner", leadParameters)
                + " GROUP BY 1";
        List<Object> taskParameters = new ArrayList<>(List.of(now));
        String tasks = "SELECT t.assignee, count(*) FROM " + tenantSql.table("task") + " t WHERE t.deleted_at IS"
                + " NULL AND t.status <> 'completed' AND t.due_at < ?" + window.scope("t.assignee", taskParameters)
                + " GROUP BY 1";
        Map<String, long[]> byOwner = new TreeMap<>();
        rows(leads, leadParameters).forEach(
                row -> byOwner.computeIfAbsent((String) row[0], k -> new long[2])[0] = ((Number) row[1]).longValue());
        rows(tasks, taskParameters).forEach(
                row -> byOwner.computeIfAbsent((String) row[0], k -> new long[2])[1] = ((Number) row[1]).longValue());
        List<ReportData.FollowUpRow> rows = new ArrayList<>();
        long[] total = new long[2];
        byOwner.forEach((owner, n) -> {
            rows.add(new ReportData.FollowUpRow(owner, n[0], n[1]));
            total[0] += n[0];
            total[1] += n[1];
        });
        return new ReportData.MissedFollowUps(now, window.range(), rows, new ReportData.FollowUpRow("total",
                total[0], total[1]));
    }

    /**
     * Per month and currency: deals won in the range (by close day) and open deals expected to close in it (by
     * expected close date; open deals without one are not forecast).
     */
    public ReportData.Forecast forecast(Window window) {
        List<Object> parameters = new ArrayList<>(List.of(window.range().timeZone(), window.start(), window.end(),
                window.range().from(), window.range().to()));
        String sql = "SELECT to_char(CASE WHEN d.status = 'won' THEN (d.closed_at AT TIME ZONE ?)::date ELSE"
                + " d.expected_close_date END, 'YYYY-MM') AS period, d.currency, count(*) FILTER (WHERE d.status ="
                + " 'open'), coalesce(sum(d.value) FILTER (WHERE d.status = 'won'), 0), coalesce(sum(d.value) FILTER"
                + " (WHERE d.status = 'open'), 0), coalesce(sum(d.value * d.probability / 100.0) FILTER (WHERE"
                + " d.status = 'open'), 0), coalesce(sum(d.value) FILTER (WHERE d.status = 'open' AND d.probability"
                + " >= 70), 0) FROM " + tenantSql.table("deal") + " d WHERE d.deleted_at IS NULL AND ((d.status ="
                + " 'won' AND d.closed_at >= ? AND d.closed_at < ?) OR (d.status = 'open' AND d.expected_close_date"
                + " BETWEEN ? AND ?))" + window.scope("d.owner", parameters) + " GROUP BY 1, 2 ORDER BY 1, 2";
        // the quotas of the months in the range, for the people counted, by "period currency"
        List<Object> quotaParameters = new ArrayList<>(List.of(window.range().from().toString().substring(0, 7),
                window.range().to().toString().substring(0, 7)));
        Map<String, BigDecimal> quotas = new TreeMap<>();
        for (Object[] row : rows("SELECT q.period, q.currency, sum(q.amount) FROM " + tenantSql.table("sales_quota")
                + " q WHERE q.period BETWEEN ? AND ?" + window.scope("q.username", quotaParameters) + " GROUP BY 1, 2",
                quotaParameters)) {
            quotas.put(row[0] + " " + ((String) row[1]).strip(), money(row[2]));
        }
        Map<String, ReportData.ForecastRow> rows = new TreeMap<>();
        for (Object[] row : rows(sql, parameters)) {
            BigDecimal won = money(row[3]);
            BigDecimal pipeline = money(row[4]);
            String key = row[0] + " " + ((String) row[1]).strip();
            BigDecimal quota = quotas.remove(key);
            rows.put(key, new ReportData.ForecastRow((String) row[0], ((String) row[1]).strip(), ((Number) row[2])
                    .longValue(), ReportData.decimal(won), ReportData.decimal(pipeline),
                    ReportData.decimal(won.add(money(row[5]))), ReportData.decimal(won), ReportData.decimal(won.add(
                            money(row[6]))),
                    ReportData.decimal(won.add(pipeline)), ReportData.decimal(quota), attainment(won, quota)));
        }
        // a month with a quota and nothing won or forecast yet
        BigDecimal zero = money(0);
        quotas.forEach((key, quota) -> rows.put(key, new ReportData.ForecastRow(key.substring(0, 7), key.substring(8),
                0, ReportData.decimal(zero), ReportData.decimal(zero), ReportData.decimal(zero), ReportData.decimal(
                        zero),
                ReportData.decimal(zero), ReportData.decimal(zero), ReportData.decimal(quota), attainment(zero,
                        quota))));
        return new ReportData.Forecast(window.range(), List.copyOf(rows.values()));
    }

    /** won / quota with four decimals, like every rate; null without a quota or with a quota of 0. */
    private static String attainment(BigDecimal won, BigDecimal quota) {
        return quota == null || quota.signum() == 0
                ? null
                : ReportData.decimal(won.divide(quota, 4, RoundingMode.HALF_UP));
    }

    private static BigDecimal money(Object value) {
        return new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static long[] longs(Object[] row, int first, int count) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = ((Number) row[first + i]).longValue();
        }
        return values;
    }

    private static List<Count> counts(List<Object[]> rows) {
        return rows.stream().map(row -> new Count((String) row[0], ((Number) row[1]).longValue())).toList();
    }

    private List<Object[]> rows(String sql, List<Object> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("report query failed: " + e.getMessage(), e);
        }
    }
}
