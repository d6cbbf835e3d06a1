package org.tesseracrm.cli.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tesseracrm.cli.output.Format;
import org.tesseracrm.client.ApiClient;
import org.tesseracrm.client.model.ReportRange;
import org.tesseracrm.client.model.WeekReport;
import org.tesseracrm.client.model.WeekReportRow;
import static org.assertj.core.api.Assertions.assertThat;

class WeekReportTextTest {

    private static WeekReport seedsWeek() {
        return new WeekReport().week("2026-W48").range(new ReportRange().from(LocalDate.parse("2026-11-23"))
                .to(LocalDate.parse("2026-11-29")).timeZone("Europe/Berlin")).emailsSent(25L).delivered(24L)
                .bounced(1L).opened(8L).openRate("0.3200").clicked(3L).clickRate("0.1200").replied(2L)
                .replyRate("0.0800").callsScheduled(5L).callsCompleted(3L).callsPending(2L).averageCallSeconds(750L)
                .dealsWon(0L).dealsLost(0L).newLeads(40L).rows(List.of(new WeekReportRow().rep("acme-rep")
                        .newLeads(40L).emailsSent(25L).opened(8L).replied(2L).callsScheduled(5L).callsCompleted(3L)
                        .dealsWon(0L).dealsLost(0L)));
    }

    @Test
    void printsTheSeedsWeeklyReport() {
        StringWriter text = new StringWriter();
        WeekReportText.print(seedsWeek(), new PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(1)).isEqualTo("WEEK 2026-W48 SALES REPORT");
        assertThat(lines.get(2)).isEqualTo("2026-11-23 to 2026-11-29 (Europe/Berlin), everyone");
        assertThat(lines.subList(4, 10)).containsExactly("Emails Sent:         25",
                "Email Open Rate:     32%", "Email Reply Rate:    8%", "Calls Scheduled:     5",
                "Calls Completed:     3", "Deals Closed:        0 (0 won, 0 lost)");
        assertThat(text.toString()).contains("Average Call:        12 min 30 s").contains("Calls Pending:       2")
                .contains("Emails Clicked:      3 (12%)");
        assertThat(lines).anyMatch(l -> l.startsWith("acme-rep") && l.contains("25"));
    }

    @Test
    void ratesArePercentagesAndNoRateIsNotAvailable() {
        assertThat(WeekReportText.percent("0.3200")).isEqualTo("32%");
        assertThat(WeekReportText.percent("0.0825")).isEqualTo("8.3%");
        assertThat(WeekReportText.percent("1.0000")).isEqualTo("100%");
        assertThat(WeekReportText.percent("0.0000")).isEqualTo("0%");
        assertThat(WeekReportText.percent(null)).isEqualTo("n/a");
        assertThat(WeekReportText.duration(null)).isEqualTo("n/a");
        assertThat(WeekReportText.duration(42L)).isEqualTo("42 s");
    }

    @Test
    void csvIsOneRowNamedAsTheApi() {
        StringWriter text = new StringWriter();
        ReportWeek.summary(seedsWeek()).print(Format.CSV, new PrintWriter(text), ApiClient
                .createDefaultObjectMapper(), java.time.ZoneOffset.UTC);
        String[] lines = text.toString().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("week,from,to,timeZone,newLeads,emailsSent,delivered,bounced,opened,openRate");
        assertThat(lines[1]).startsWith("2026-W48,2026-11-23,2026-11-29,Europe/Berlin,40,25,24,1,8,0.3200,3,0.1200");
    }
}
