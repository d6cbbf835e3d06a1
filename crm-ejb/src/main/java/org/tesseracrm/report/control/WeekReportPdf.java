package org.tesseracrm.report.control;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.tesseracrm.report.entity.ReportData;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.JDKXRLogger;
import com.openhtmltopdf.util.XRLog;

/**
 * The weekly report as a PDF: the week's figures, two charts (the e-mail funnel of the week, and e-mails, replies
 * and completed calls per rep, drawn by JFreeChart) and the table per rep, laid out as XHTML by openhtmltopdf.
 * Everything from user data is escaped; the document has no external resources (the charts are data URIs).
 */
public final class WeekReportPdf {

    private static final int CHART_WIDTH = 520;
    private static final int CHART_HEIGHT = 260;

    static {
        // openhtmltopdf logs to the console by default; through java.util.logging it goes where the server's logs go
        XRLog.setLoggerImpl(new JDKXRLogger());
    }

    private WeekReportPdf() {
    }

    public static byte[] of(ReportData.WeekReport week, String workspace) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<html><head><meta charset=\"UTF-8\"/><title>Weekly sales report ").append(escape(week.week()))
                .append("</title><style>")
                .append("@page { size: A4; margin: 18mm 16mm; } body { font-family: sans-serif; font-size: 10pt;")
                .append(" color: #222; } h1 { font-size: 17pt; margin: 0 0 2mm 0; } h2 { font-size: 12pt; margin:")
                .append(" 6mm 0 2mm 0; } .range { color: #555; } table { border-collapse: collapse; width: 100%; }")
                .append(" td, th { border-bottom: 1px solid #ccc; padding: 1.2mm 2mm; text-align: right; }")
                .append(" td:first-child, th:first-child { text-align: left; } th { background: #eef1f5; }")
                .append(" img { width: 100%; }")
                .append("</style></head><body>");
        html.append("<h1>Weekly sales report ").append(escape(week.week())).append("</h1>");
        html.append("<div class=\"range\">").append(escape(workspace)).append(" · ")
                .append(week.range().from()).append(" to ").append(week.range().to()).append(" (")
                .append(escape(week.range().timeZone())).append(")")
                .append(week.range().owners() == null
                        ? ""
                        : " · " + escape(String.join(", ", week.range().owners())))
                .append("</div>");
        html.append("<h2>The week</h2><table>");
        row(html, "New leads", week.newLeads(), null);
        row(html, "E-mails sent", week.emailsSent(), null);
        row(html, "Delivered", week.delivered(), null);
        row(html, "Bounced", week.bounced(), null);
        row(html, "Opened", week.opened(), week.openRate());
        row(html, "Clicked", week.clicked(), week.clickRate());
        row(html, "Replied", week.replied(), week.replyRate());
        row(html, "Calls scheduled", week.callsScheduled(), null);
        row(html, "Calls completed", week.callsCompleted(), null);
        row(html, "Calls pending", week.callsPending(), null);
        html.append("<tr><td>Average call</td><td>").append(week.averageCallSeconds() == null
                ? "–"
                : minutes(week.averageCallSeconds())).append("</td><td></td></tr>");
        row(html, "Deals won", week.dealsWon(), null);
        row(html, "Deals lost", week.dealsLost(), null);
        html.append("</table>");

        DefaultCategoryDataset funnel = new DefaultCategoryDataset();
        funnel.addValue(week.emailsSent(), "E-mails", "Sent");
        funnel.addValue(week.delivered(), "E-mails", "Delivered");
        funnel.addValue(week.opened(), "E-mails", "Opened");
        funnel.addValue(week.clicked(), "E-mails", "Clicked");
        funnel.addValue(week.replied(), "E-mails", "Replied");
        html.append("<h2>E-mails of the week</h2>").append(image(chart(funnel, false)));

        if (!week.rows().isEmpty()) {
            DefaultCategoryDataset perRep = new DefaultCategoryDataset();
            for (ReportData.WeekRow rep : week.rows()) {
                perRep.addValue(rep.emailsSent(), "E-mails sent", rep.rep());
                perRep.addValue(rep.replied(), "Replies", rep.rep());
                perRep.addValue(rep.callsCompleted(), "Calls completed", rep.rep());
                perRep.addValue(rep.dealsWon(), "Deals won", rep.rep());
            }
            html.append("<h2>Per rep</h2>").append(image(chart(perRep, true)));
            html.append("<table><tr><th>Rep</th><th>New leads</th><th>Sent</th><th>Opened</th><th>Replied</th>")
                    .append("<th>Calls</th><th>Completed</th><th>Won</th><th>Lost</th></tr>");
            for (ReportData.WeekRow rep : week.rows()) {
                html.append("<tr><td>").append(escape(rep.rep())).append("</td>");
                for (long value : List.of(rep.newLeads(), rep.emailsSent(), rep.opened(), rep.replied(),
                        rep.callsScheduled(), rep.callsCompleted(), rep.dealsWon(), rep.dealsLost())) {
                    html.append("<td>").append(value).append("</td>");
                }
                html.append("</tr>");
            }
            html.append("</table>");
        }
        html.append("</body></html>");
        return render(html.toString());
    }

    private static void row(StringBuilder html, String label, long value, String rate) {
        html.append("<tr><td>").append(label).append("</td><td>").append(value).append("</td><td>")
                .append(rate == null ? "" : percent(rate)).append("</td></tr>");
    }

    /** "0.3200" as "32.0 %". */
    static String percent(String rate) {
        return new BigDecimal(rate).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    static String minutes(long seconds) {
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static JFreeChart chart(DefaultCategoryDataset data, boolean legend) {
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, data, PlotOrientation.VERTICAL, legend,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xcccccc));
        plot.getRangeAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        Color[] colours = {new Color(0x2f6fb0), new Color(0x3aa57a), new Color(0xe0a030), new Color(0x9a5bbf)};
        for (int i = 0; i < colours.length; i++) {
            renderer.setSeriesPaint(i, colours[i]);
        }
        return chart;
    }

    /** A chart as an embedded PNG, drawn at twice its printed size so that it stays sharp. */
    private static String image(JFreeChart chart) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeScaledChartAsPNG(png, chart, CHART_WIDTH, CHART_HEIGHT, 2, 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray())
                + "\"/>";
    }

    private static byte[] render(String xhtml) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    /** XML escaping of text from user data (names, the workspace). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t') { // control characters are not XML
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
