package org.tesseracrm.web.console.dashboard;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.report.boundary.Reports;
import org.tesseracrm.report.entity.ReportData;
import org.tesseracrm.web.api.support.Callers;

import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;

/**
 * The dashboard: funnel, open pipeline by stage, win rate by month, activities per rep and e-mail rates for a range
 * of days (a GET form: bookmarkable). Its numbers are the report endpoints' (the same {@link Reports} boundary, the
 * same role filter); each chart has its numbers in a table beside it, for screen readers and for the browser test.
 */
@Named("dashboard")
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One bar or point: its label and its value (counts; rates as fractions 0–1 in text). */
    public record Point(String key, String label, String value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Reports reports;

    @Inject
    Callers callers;

    private String from;
    private String to;
    private String refusal;
    private String rangeFrom;
    private String rangeTo;
    private List<Point> funnel = List.of();
    private List<Point> stages = List.of();
    private List<Point> winRates = List.of();
    private List<Point> activities = List.of();
    private List<Point> emailRates = List.of();

    /** Reads the reports for the range asked for (default: the last 30 days). */
    public void open() {
        try {
            Reports.Window window = reports.window(day(from), day(to), null, callers.current());
            rangeFrom = window.range().from().toString();
            rangeTo = window.range().to().toString();
            ReportData.FunnelRow total = reports.leadFunnel(window, "none").total();
            List<Point> funnelPoints = new ArrayList<>();
            funnelPoints.add(new Point("new", "new", Long.toString(total.leads())));
            total.reached().forEach((stage, count) -> funnelPoints.add(new Point(stage, stage, count.toString())));
            funnel = funnelPoints;
            stages = reports.timeInStage(window).rows().stream().map(row -> new Point(row.pipeline() + "/" + row
                    .stage(), row.pipeline() + ": " + row.stage(), Long.toString(row.openDeals()))).toList();
            winRates = reports.winRate(window, "month").rows().stream().map(row -> new Point(row.group(), row
                    .group(), row.winRate() == null ? "" : row.winRate())).toList();
            activities = reports.activities(window).rows().stream().map(row -> new Point(row.rep(), row.rep(), Long
                    .toString(row.total()))).toList();
            ReportData.EmailRow email = reports.emailPerformance(window, "rep").total();
            emailRates = List.of(new Point("sent", "sent", Long.toString(email.sent())), new Point("openRate",
                    "open rate", nullToEmpty(email.openRate())),
                    new Point("clickRate", "click rate", nullToEmpty(
                            email.clickRate())),
                    new Point("replyRate", "reply rate", nullToEmpty(email
                            .replyRate())),
                    new Point("bounceRate", "bounce rate", nullToEmpty(email
                            .bounceRate())));
        } catch (DomainException e) {
            refusal = e.getMessage();
        }
    }

    private LocalDate day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new org.tesseracrm.platform.entity.InvalidInput("from", "must be a day: yyyy-MM-dd");
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    public String getFunnelChart() {
        return chart("bar", "Leads", funnel, false);
    }

    public String getStagesChart() {
        return chart("bar", "Open deals", stages, true);
    }

    public String getWinRateChart() {
        return chart("line", "Win rate", winRates, false);
    }

    public String getActivitiesChart() {
        return chart("bar", "Activities", activities, false);
    }

    public String getEmailChart() {
        return chart("bar", "Rate", emailRates.subList(Math.min(1, emailRates.size()), emailRates.size()), false);
    }

    /** A Chart.js configuration, built as JSON (labels are user data: never concatenated into script). */
    private static String chart(String type, String label, List<Point> points, boolean horizontal) {
        JsonArrayBuilder labels = JSON.createArrayBuilder();
        JsonArrayBuilder values = JSON.createArrayBuilder();
        for (Point point : points) {
            labels.add(point.label());
            if (point.value().isEmpty()) {
                values.addNull();
            } else {
                values.add(new java.math.BigDecimal(point.value()));
            }
        }
        var options = JSON.createObjectBuilder().add("animation", false).add("responsive", true)
                .add("plugins", JSON.createObjectBuilder().add("legend", JSON.createObjectBuilder().add("display",
                        false)));
        if (horizontal) {
            options.add("indexAxis", "y");
        }
        return JSON.createObjectBuilder().add("type", type).add("data", JSON.createObjectBuilder().add("labels",
                labels).add("datasets",
                        JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("label", label)
                                .add("data", values).add("backgroundColor", "#2563eb").add("borderColor", "#2563eb"))))
                .add("options", options).build().toString();
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getRefusal() {
        return refusal;
    }

    public String getRangeFrom() {
        return rangeFrom;
    }

    public String getRangeTo() {
        return rangeTo;
    }

    public List<Point> getFunnel() {
        return funnel;
    }

    public List<Point> getStages() {
        return stages;
    }

    public List<Point> getWinRates() {
        return winRates;
    }

    public List<Point> getActivities() {
        return activities;
    }

    public List<Point> getEmailRates() {
        return emailRates;
    }
}
