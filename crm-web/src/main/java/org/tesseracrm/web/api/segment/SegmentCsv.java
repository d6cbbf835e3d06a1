package org.tesseracrm.web.api.segment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.web.api.support.CsvStream;
import org.tesseracrm.segment.boundary.SegmentActions.ExportRow;

/** Writes a segment's export as CSV page by page, the way {@link CsvStream} writes every export. */
final class SegmentCsv {

    private SegmentCsv() {
    }

    static void write(List<String> header, Function<UUID, List<ExportRow>> pages, OutputStream out)
            throws IOException {
        try (CSVPrinter csv = CsvStream.printer(header, out)) {
            UUID after = null;
            List<ExportRow> page;
            do {
                page = pages.apply(after);
                for (ExportRow row : page) {
                    csv.printRecord(row.values().stream().map(CsvStream::neutralised).toList());
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                csv.flush();
            } while (page.size() == org.tesseracrm.segment.boundary.SegmentActions.EXPORT_PAGE);
        }
    }
}
