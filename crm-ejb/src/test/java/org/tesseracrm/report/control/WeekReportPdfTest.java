package org.tesseracrm.report.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.tesseracrm.report.entity.ReportData;

class WeekReportPdfTest {

    private static ReportData.WeekReport week() {
        return new ReportData.WeekReport("2026-W48", new ReportData.Range(LocalDate.of(2026, 11, 23), LocalDate.of(
                2026, 11, 29), "Europe/Berlin", null), 7, 25, 24, 1, 8, "0.3200", 3, "0.1200", 2, "0.0800", 5, 3, 2,
                1500L, 1, 0, List.of(new ReportData.WeekRow("ann <&> \"o'neil\"", 4, 15, 5, 2, 3, 2, 1, 0),
                        new ReportData.WeekRow("bob", 3, 10, 3, 0, 2, 1, 0, 0)));
    }

    @Test
    void thePdfHoldsTheFiguresTheRepsAndTwoCharts() throws Exception {
        byte[] pdf = WeekReportPdf.of(week(), "Acme & Co");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Weekly sales report 2026-W48", "Acme & Co", "2026-11-23 to 2026-11-29",
                    "E-mails sent 25", "Opened 8 32.0 %", "Replied 2 8.0 %", "Calls completed 3",
                    "Average call 25 min 0 s", "Deals won 1", "ann <&> \"o'neil\" 4 15 5 2 3 2 1 0",
                    "bob 3 10 3 0 2 1 0 0");
            int images = 0;
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            assertThat(images).as("the two charts").isEqualTo(2);
        }
    }

    @Test
    void aWeekWithoutRepsHasTheFunnelChartOnly() throws Exception {
        ReportData.WeekReport empty = new ReportData.WeekReport("2026-W01", new ReportData.Range(LocalDate.of(2025,
                12, 29), LocalDate.of(2026, 1, 4), "UTC", List.of("ann")), 0, 0, 0, 0, 0, null, 0, null, 0, null, 0,
                0, 0, null, 0, 0, List.of());
        try (PDDocument document = Loader.loadPDF(WeekReportPdf.of(empty, "Acme\u0000"))) {
            assertThat(new PDFTextStripper().getText(document)).contains("2026-W01", "Average call –");
        }
    }

    @Test
    void ratesAndDurationsAreWrittenForPeople() {
        assertThat(WeekReportPdf.percent("0.3200")).isEqualTo("32.0 %");
        assertThat(WeekReportPdf.percent("1.0000")).isEqualTo("100.0 %");
        assertThat(WeekReportPdf.minutes(1500)).isEqualTo("25 min 0 s");
        assertThat(WeekReportPdf.escape("<b>&\u0001")).isEqualTo("&lt;b&gt;&amp;");
    }
}
