package org.tesseracrm.cli.report;

import org.tesseracrm.cli.ApiCommand;
import org.tesseracrm.cli.Session;
import org.tesseracrm.cli.output.Format;
import org.tesseracrm.cli.output.OutputOptions;
import org.tesseracrm.cli.output.Table;
import org.tesseracrm.client.api.ReportsApi;
import org.tesseracrm.client.model.WeekReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code tessera report week}: one ISO week's sales figures (GET /api/v1/reports/week). */
@Command(name = "week", mixinStandardHelpOptions = true, description = "The week's sales report: e-mails sent, "
        + "open and reply rates, calls, deals closed (default: this week in the workspace's time zone).")
public final class ReportWeek extends ApiCommand {

    @Option(names = "--week", paramLabel = "YYYY-Www", description = "An ISO week, e.g. 2026-W48.")
    String week;

    @Option(names = "--owner", description = "Only this person's records (within those you may see).")
    String owner;

    @Mixin
    OutputOptions output;

    @Override
    protected int run(Session session) throws Exception {
        Format format = output.format();
        if (week != null && !week.matches("\\d{4}-W\\d{2}")) {
            throw new ParameterException(spec.commandLine(), "--week is an ISO week like 2026-W48, not '" + week
                    + "'");
        }
        WeekReport report = new ReportsApi(session.client()).getWeekReport(ReportsApi.APIGetWeekReportRequest
                .newBuilder().week(week).owner(owner).build());
        switch (format) {
            case TABLE -> WeekReportText.print(report, out());
            case JSON -> {
                out().println(session.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
                out().flush();
            }
            case CSV -> summary(report).print(Format.CSV, out(), session.json(), zone());
        }
        return 0;
    }

    /** The week's figures as one CSV row, named as in the API. */
    static Table summary(WeekReport r) {
        var range = r.getRange();
        return new Table().column("week", "").column("from", "").column("to", "").column("timeZone", "")
                .column("newLeads", "").column("emailsSent", "").column("delivered", "").column("bounced", "")
                .column("opened", "").column("openRate", "").column("clicked", "").column("clickRate", "")
                .column("replied", "").column("replyRate", "").column("callsScheduled", "")
                .column("callsCompleted", "").column("callsPending", "").column("averageCallSeconds", "")
                .column("dealsWon", "").column("dealsLost", "")
                .row(r.getWeek(), range == null ? null : range.getFrom(), range == null ? null : range.getTo(),
                        range == null ? null : range.getTimeZone(), r.getNewLeads(), r.getEmailsSent(),
                        r.getDelivered(), r.getBounced(), r.getOpened(), r.getOpenRate(), r.getClicked(),
                        r.getClickRate(), r.getReplied(), r.getReplyRate(), r.getCallsScheduled(),
                        r.getCallsCompleted(), r.getCallsPending(), r.getAverageCallSeconds(), r.getDealsWon(),
                        r.getDealsLost());
    }
}
