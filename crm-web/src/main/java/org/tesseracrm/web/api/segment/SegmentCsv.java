package org.tesseracrm.web.api.segment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.segment.boundary.SegmentActions.ExportRow;

/**
 * Writes a segment's export as CSV (RFC 4180 via Commons CSV), page by page: memory holds one page whatever the
 * segment's size. Cells a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) get a leading
 * apostrophe, so an export opened in Excel or LibreOffice never executes {@code =HYPERLINK(…)} and the like (OWASP
 * "CSV injection"); plain numbers such as {@code -5} stay as they are.
 */
final class SegmentCsv {

    private static final Pattern NUMBER = Pattern.compile("^[-+]?[0-9]+(\\.[0-9]+)?$");

    private SegmentCsv() {
    }

    static void write(List<String> header, Function<UUID, List<ExportRow>> pages, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(
                String[]::new)).get())) {
            UUID after = null;
            List<ExportRow> page;
            do {
                page = pages.apply(after);
                for (ExportRow row : page) {
                    csv.printRecord(row.values().stream().map(SegmentCsv::neutralised).toList());
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                csv.flush();
            } while (page.size() == org.tesseracrm.segment.boundary.SegmentActions.EXPORT_PAGE);
        }
    }

    static String neutralised(String cell) {
        if (cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
