package org.tesseracrm.report.boundary;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.mail.boundary.Outbox;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.report.control.ReportCsv;
import org.tesseracrm.report.control.WeekReportPdf;
import org.tesseracrm.report.entity.ReportData;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.workspace.boundary.Workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The weekly report (docs/reports.md): for each active admin and sales manager of the tenant, the week's report as
 * they would see it in the API ({@link Reports#weekReport}, role-filtered), as CSV and PDF, e-mailed through the
 * outbox. A delivery row per week and person is written in the same transaction as the e-mail: a rerun for the same
 * week, or a run restarted after a crash, queues nothing twice.
 */
@ApplicationScoped
@Transactional
public class WeeklyReports {

    static final String SENDER = "weekly-report";

    @Inject
    Reports reports;

    @Inject
    Outbox outbox;

    @Inject
    Workspace workspace;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    TenantEntityManagers tenantData;

    /** Who receives the report: an active user with the role admin or sales manager. */
    public record Recipient(String username, String email, String role) {
    }

    /** The week a run reports on when none is given: the last complete one in the workspace's time zone. */
    public String lastCompleteWeek() {
        LocalDate today = LocalDate.now(ZoneId.of(workspace.settings().timeZone()));
        return Reports.weekOf(today.with(ChronoField.DAY_OF_WEEK, 1).minusWeeks(1));
    }

    /** Whether the week's report reached (was queued for) every recipient there is now. */
    public boolean deliveredToEveryone(String week) {
        Number missing = (Number) tenantData.current().createNativeQuery("SELECT count(*) FROM app_user u WHERE"
                + " u.status = 'ACTIVE' AND u.role IN ('crm-admin', 'sales-manager') AND NOT EXISTS (SELECT 1 FROM"
                + " weekly_report_delivery d WHERE d.week = ?1 AND d.username = u.username)").setParameter(1, week)
                .getSingleResult();
        return missing.longValue() == 0;
    }

    /** Recipients after {@code afterUsername} (null: from the first), in username order, at most {@code limit}. */
    public List<Recipient> recipients(String afterUsername, int limit) {
        List<?> rows = tenantData.current().createNativeQuery("SELECT username, email, role FROM app_user WHERE"
                + " status = 'ACTIVE' AND role IN ('crm-admin', 'sales-manager') AND username > ?1 ORDER BY username"
                + " LIMIT ?2").setParameter(1, afterUsername == null ? "" : afterUsername).setParameter(2, limit)
                .getResultList();
        return rows.stream().map(row -> (Object[]) row).map(r -> new Recipient((String) r[0], (String) r[1],
                (String) r[2])).toList();
    }

    /**
     * Queues the week's report for one recipient; false when they had it already (or their address is
     * suppressed). The delivery row and the e-mail commit together, in a transaction of their own, or not at all.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean deliver(String week, Recipient recipient) {
        var em = tenantData.current();
        if (!em.createNativeQuery("SELECT 1 FROM weekly_report_delivery WHERE week = ?1 AND username = ?2")
                .setParameter(1, week).setParameter(2, recipient.username()).getResultList().isEmpty()) {
            return false;
        }
        Caller reader = new Caller(recipient.username(), Set.of(recipient.role()));
        ReportData.WeekReport report = reports.weekReport(reports.week(week, null, reader));
        String workspaceName = currentTenant.require().name();
        byte[] csv = ReportCsv.of(report).getBytes(StandardCharsets.UTF_8);
        byte[] pdf = WeekReportPdf.of(report, workspaceName);
        Optional<UUID> queued = outbox.queueToUser(recipient.email(), "Weekly sales report " + week + " – "
                + workspaceName, text(report, workspaceName),
                List.of(new Outbox.Attachment("weekly-report-" + week
                        + ".pdf", "application/pdf", pdf), new Outbox.Attachment("weekly-report-" + week + ".csv",
                                "text/csv; charset=UTF-8", csv)),
                SENDER);
        if (queued.isEmpty()) {
            return false;
        }
        // a concurrent run that got there first wins: this transaction rolls back, its e-mail with it
        int inserted = em.createNativeQuery("INSERT INTO weekly_report_delivery (week, username, outbox_id) VALUES"
                + " (?1, ?2, CAST(?3 AS uuid)) ON CONFLICT DO NOTHING").setParameter(1, week)
                .setParameter(2, recipient.username()).setParameter(3, queued.get().toString()).executeUpdate();
        if (inserted == 0) {
            throw new AlreadyDelivered(week, recipient.username());
        }
        return true;
    }

    /** The seed's console table, as the e-mail's text. */
    static String text(ReportData.WeekReport report, String workspaceName) {
        String rule = "=".repeat(40);
        StringBuilder text = new StringBuilder();
        text.append(rule).append('\n').append("WEEKLY SALES REPORT ").append(report.week()).append('\n')
                .append(workspaceName).append(", ").append(report.range().from()).append(" to ")
                .append(report.range().to()).append('\n').append(rule).append('\n');
        line(text, "New leads", String.valueOf(report.newLeads()));
        line(text, "Emails sent", String.valueOf(report.emailsSent()));
        line(text, "Email open rate", rate(report.openRate()));
        line(text, "Email reply rate", rate(report.replyRate()));
        line(text, "Calls scheduled", String.valueOf(report.callsScheduled()));
        line(text, "Calls completed", String.valueOf(report.callsCompleted()));
        line(text, "Deals closed", String.valueOf(report.dealsWon()));
        text.append('\n').append("The figures per rep are in the attached PDF and CSV.\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-18s %s\n", label + ":", value));
    }

    private static String rate(String rate) {
        return rate == null
                ? "–"
                : new java.math.BigDecimal(rate).movePointRight(2).setScale(0,
                        java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Another run queued this week's report for the person first; nothing of this one is kept. */
    public static final class AlreadyDelivered extends RuntimeException {

        AlreadyDelivered(String week, String username) {
            super("the report of " + week + " for " + username + " was queued by another run");
        }
    }
}
