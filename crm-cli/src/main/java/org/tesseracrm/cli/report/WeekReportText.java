package org.tesseracrm.cli.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.tesseracrm.cli.output.Table;
import org.tesseracrm.client.model.WeekReport;
import org.tesseracrm.client.model.WeekReportRow;

/** The week's report as the seed's console report ("WEEK 1 SALES REPORT"), then the rest and a row per rep. */
public final class WeekReportText {

    private static final String RULE = "═".repeat(43);
    private static final String THIN = "─".repeat(43);

    private WeekReportText() {
    }

    public static void print(WeekReport report, PrintWriter out) {
        out.println(RULE);
        out.println("WEEK " + report.getWeek() + " SALES REPORT");
        if (report.getRange() != null) {
            List<String> owners = report.getRange().getOwners();
            out.println(report.getRange().getFrom() + " to " + report.getRange().getTo() + " ("
                    + report.getRange().getTimeZone() + "), " + (owners == null || owners.isEmpty()
                            ? "everyone"
                            : String.join(", ", owners)));
        }
        out.println(RULE);
        line(out, "Emails Sent", number(report.getEmailsSent()));
        line(out, "Email Open Rate", percent(report.getOpenRate()));
        line(out, "Email Reply Rate", percent(report.getReplyRate()));
        line(out, "Calls Scheduled", number(report.getCallsScheduled()));
        line(out, "Calls Completed", number(report.getCallsCompleted()));
        long won = value(report.getDealsWon());
        long lost = value(report.getDealsLost());
        line(out, "Deals Closed", (won + lost) + " (" + won + " won, " + lost + " lost)");
        out.println(THIN);
        line(out, "New Leads", number(report.getNewLeads()));
        line(out, "Emails Delivered", number(report.getDelivered()));
        line(out, "Emails Bounced", number(report.getBounced()));
        line(out, "Emails Opened", number(report.getOpened()));
        line(out, "Emails Clicked", number(report.getClicked()) + " (" + percent(report.getClickRate()) + ")");
        line(out, "Emails Replied", number(report.getReplied()));
        line(out, "Calls Pending", number(report.getCallsPending()));
        line(out, "Average Call", duration(report.getAverageCallSeconds()));
        List<WeekReportRow> rows = report.getRows();
        if (rows != null && !rows.isEmpty()) {
            out.println(THIN);
            Table reps = new Table().column("rep", "REP", 24).column("newLeads", "LEADS", 5)
                    .column("emailsSent", "SENT", 5).column("opened", "OPENED", 6).column("replied", "REPLIED", 7)
                    .column("callsScheduled", "CALLS", 5).column("callsCompleted", "DONE", 5)
                    .column("dealsWon", "WON", 4).column("dealsLost", "LOST", 4);
            for (WeekReportRow row : rows) {
                reps.row(row.getRep(), row.getNewLeads(), row.getEmailsSent(), row.getOpened(), row.getReplied(),
                        row.getCallsScheduled(), row.getCallsCompleted(), row.getDealsWon(), row.getDealsLost());
            }
            reps.print(org.tesseracrm.cli.output.Format.TABLE, out, null, java.time.ZoneOffset.UTC);
        }
        out.flush();
    }

    /** {@code "0.3200"} as {@code 32%}, {@code "0.0825"} as {@code 8.3%}; no rate (nothing sent) as {@code n/a}. */
    public static String percent(String rate) {
        if (rate == null) {
            return "n/a";
        }
        BigDecimal percent = new BigDecimal(rate).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return (percent.scale() < 0 ? percent.setScale(0) : percent).toPlainString() + "%";
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "n/a";
        }
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    private static String number(Long value) {
        return String.valueOf(value(value));
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(String.format("%-20s %s", label + ":", value));
    }
}
