package org.tesseracrm.report.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the reports return (docs/reports.md): plain numbers, never entities. Every rate is a fraction 0–1 with four
 * decimals, as a string like all decimals of the API (null when there is nothing to divide by); every row of a grouped report adds up to its {@code total}.
 */
public final class ReportData {

    private ReportData() {
    }

    /** A rate with four decimals, half-up; null when the denominator is 0. */
    public static String rate(long part, long whole) {
        return whole == 0
                ? null
                : decimal(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4,
                        RoundingMode.HALF_UP));
    }

    /** Decimals travel as strings, as money does everywhere in the API (exact, whatever the client's floats). */
    public static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    @Schema(name = "ReportRange", description = "The days a report covers (both included, in the workspace's time"
            + " zone) and whose records it counts")
    public record Range(LocalDate from, LocalDate to, String timeZone,
            @Schema(description = "The owners counted; absent: everyone in the workspace") List<String> owners) {
    }

    @Schema(name = "ReportCount", description = "How often a value occurs")
    public record Count(String name, long count) {
    }

    @Schema(name = "LeadFunnel", description = "Leads created in the range: where they are now, how far they got,"
            + " and the conversion from each stage to the next")
    public record LeadFunnel(Range range, @Schema(enumeration = {
            "none", "source", "owner", "week",
            "month"}) String groupBy, List<FunnelRow> rows, FunnelRow total){
    }

    @Schema(name = "LeadFunnelRow")
    public record FunnelRow(String group, long leads,
            @Schema(description = "Leads by their status now (new … closed_lost); adds up to leads") Map<String, Long> byStatus,
            @Schema(description = "Leads that reached each stage or a later one (contacted … closed_won)") Map<String, Long> reached,
            @Schema(description = "reached[stage] / reached[previous stage], from new→contacted to proposal→closed_won") Map<String, String> conversion) {
    }

    @Schema(name = "EmailPerformance", description = "E-mails sent in the range and what became of them (human"
            + " opens and clicks only)")
    public record EmailPerformance(Range range, @Schema(enumeration = {
            "rep", "template",
            "sequence"}) String groupBy, List<EmailRow> rows, EmailRow total){
    }

    @Schema(name = "EmailPerformanceRow")
    public record EmailRow(String group, long sent, long delivered, long opened, long clicked, long replied,
            long bounced, String deliveryRate, String openRate, String clickRate, String replyRate,
            String bounceRate) {

        public static EmailRow of(String group, long sent, long delivered, long opened, long clicked, long replied,
                long bounced) {
            return new EmailRow(group, sent, delivered, opened, clicked, replied, bounced, rate(delivered, sent),
                    rate(opened, sent), rate(clicked, sent), rate(replied, sent), rate(bounced, sent));
        }
    }

    @Schema(name = "CallReport", description = "Calls logged in the range (by when they happened)")
    public record Calls(Range range, List<CallRow> rows, CallRow total,
            @Schema(description = "Outcomes of completed calls, most frequent first") List<Count> outcomes,
            @Schema(description = "Objections (comma-separated on a call), most frequent first, at most 20") List<Count> objections) {
    }

    @Schema(name = "CallReportRow")
    public record CallRow(String rep, long calls,
            @Schema(description = "Planned and not completed yet") long scheduled, long completed,
            @Schema(description = "Of completed calls with a duration") Long averageDurationSeconds) {
    }

    @Schema(name = "WinRate", description = "Deals closed in the range")
    public record WinRate(Range range, @Schema(enumeration = {
            "owner", "month"}) String groupBy, List<WinRow> rows,
            WinRow total, List<Count> lostReasons,
            @Schema(description = "Competitors named on lost deals") List<Count> competitors){
    }

    @Schema(name = "WinRateRow")
    public record WinRow(String group, long won, long lost, String winRate) {
    }

    @Schema(name = "PipelineVelocity", description = "Per currency: open deals × average won value × win rate ÷"
            + " average days to win, that is the value the pipeline turns into won business per day")
    public record PipelineVelocity(Range range, List<VelocityRow> rows) {
    }

    @Schema(name = "PipelineVelocityRow")
    public record VelocityRow(String currency, long openDeals, String openValue, long won, long lost,
            String averageWonValue, String winRate, String averageDaysToWin, String velocityPerDay) {
    }

    @Schema(name = "TimeInStage", description = "How long deals stayed in each stage (moves out of it in the range)"
            + " and how long the open ones have been in it")
    public record TimeInStage(Range range, List<StageRow> rows) {
    }

    @Schema(name = "TimeInStageRow")
    public record StageRow(String pipeline, String stage, int position,
            @Schema(description = "Moves out of the stage in the range") long movesOut, String averageDays,
            long openDeals, String averageOpenDays) {
    }

    @Schema(name = "ActivitiesPerRep", description = "Activities by their author, by when they happened")
    public record Activities(Range range, List<ActivityRow> rows, ActivityRow total) {
    }

    @Schema(name = "ActivitiesPerRepRow")
    public record ActivityRow(String rep, long calls, long meetings, long emails, long notes, long tasks,
            long messages, long total) {
    }

    @Schema(name = "LeadAging", description = "Open leads (not closed, not converted) by how long ago they came in")
    public record LeadAging(OffsetDateTime asOf, Range range, List<AgingRow> rows, AgingRow total) {
    }

    @Schema(name = "LeadAgingRow")
    public record AgingRow(String owner, long open, long days0To7, long days8To30, long days31To90, long over90Days,
            Long oldestDays) {
    }

    @Schema(name = "MissedFollowUps", description = "Follow-ups that are due and not done, now")
    public record MissedFollowUps(OffsetDateTime asOf, Range range, List<FollowUpRow> rows, FollowUpRow total) {
    }

    @Schema(name = "MissedFollowUpsRow")
    public record FollowUpRow(String owner,
            @Schema(description = "Open leads whose next follow-up is past") long leads,
            @Schema(description = "Tasks past their due time and not completed") long tasks) {
    }

    @Schema(name = "Forecast", description = "Per month of expected close (won: of closing) and currency; worst ="
            + " won, likely = won + open deals at 70 % or more, best = won + every open deal, weighted = won + open"
            + " value × probability; against the quotas set for the people counted")
    public record Forecast(Range range, List<ForecastRow> rows) {
    }

    @Schema(name = "ForecastRow")
    public record ForecastRow(@Schema(description = "yyyy-MM") String period, String currency, long openDeals,
            String won, String pipeline, String weighted, String worst, String likely,
            String best,
            @Schema(description = "The quotas of the people counted for the month and currency; absent where none is set") String quota,
            @Schema(description = "won / quota; absent without a quota or with a quota of 0") String attainment) {
    }
    @Schema(name = "WeekReport", description = "One ISO week (Monday to Sunday in the workspace's time zone): the"
            + " seed's weekly sales report, summed from the e-mail, call, win-rate and funnel reports of the same"
            + " days, with a row per rep")
    public record WeekReport(@Schema(description = "ISO week, yyyy-Www", example = "2026-W48") String week,
            Range range, long newLeads, long emailsSent, long delivered, long bounced, long opened, String openRate,
            long clicked, String clickRate, long replied, String replyRate,
            @Schema(description = "Calls planned or held in the week") long callsScheduled, long callsCompleted,
            @Schema(description = "Planned and not completed yet") long callsPending, Long averageCallSeconds,
            long dealsWon, long dealsLost, List<WeekRow> rows) implements Totalled {

        /** The week's figures as one more row (the CSV's last line). */
        @Override
        public WeekRow totalRow() {
            return new WeekRow("total", newLeads, emailsSent, opened, replied, callsScheduled, callsCompleted,
                    dealsWon, dealsLost);
        }
    }

    @Schema(name = "WeekReportRow", description = "One rep's week (the person who owns the lead, sent the e-mail,"
            + " logged the call, owns the deal)")
    public record WeekRow(String rep, long newLeads, long emailsSent, long opened, long replied, long callsScheduled,
            long callsCompleted, long dealsWon, long dealsLost) {
    }

    /** A report whose total is not one of its fields but computed from them. */
    public interface Totalled {
        Record totalRow();
    }
}
