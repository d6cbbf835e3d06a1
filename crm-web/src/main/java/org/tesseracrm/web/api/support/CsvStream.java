package org.tesseracrm.web.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.export.boundary.RecordExports;
import org.tesseracrm.platform.control.RecordSearch;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * CSV bodies written as they are read (RFC 4180 via Commons CSV, UTF-8, a header row): a page is printed and
 * flushed before the next is read, so memory holds one page whatever the size. Cells a spreadsheet would run as a
 * formula (=, +, -, @, tab, carriage return first) get a leading apostrophe, so an export opened in Excel or
 * LibreOffice never executes {@code =HYPERLINK(…)} and the like (OWASP "CSV injection"); plain numbers such as
 * {@code -5} stay as they are.
 */
public final class CsvStream {

    private static final Pattern NUMBER = Pattern.compile("^[-+]?[0-9]+(\\.[0-9]+)?$");

    private CsvStream() {
    }

    /**
     * A list's export as a streamed attachment: the list's first row is read before the response starts, so that
     * a bad filter is a 400 problem, not a broken download.
     */
    public static Response listExport(String objectType, RecordSearch search, RecordExports exports,
            String fileName) {
        exports.check(objectType, search);
        StreamingOutput body = out -> {
            try (CSVPrinter csv = printer(RecordExports.header(objectType), out)) {
                exports.stream(objectType, search, cells -> csv.printRecord(cells.stream().map(CsvStream::neutralised)
                        .toList()));
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\""
                + fileName + "\"").build();
    }

    /** A printer with the header written; closing it flushes and closes {@code out}. */
    public static CSVPrinter printer(List<String> header, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }

    public static String neutralised(String cell) {
        if (cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
