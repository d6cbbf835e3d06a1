package org.tesseracrm.report.control;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.report.entity.ReportData;

/**
 * A report's {@code rows} (and its {@code total}, last) as CSV: one column per field of a row, a map's entries as
 * {@code field.key} columns. The other parts of a report (ranked lists such as outcomes) are in its JSON only.
 * Cells never start a formula: groups come from user data (sources, owners, stage names).
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String of(Record report) {
        List<Record> rows = new ArrayList<>();
        for (RecordComponent component : report.getClass().getRecordComponents()) {
            Object value = read(component, report);
            if (component.getName().equals("rows")) {
                ((List<?>) value).forEach(row -> rows.add((Record) row));
            }
        }
        for (RecordComponent component : report.getClass().getRecordComponents()) {
            if (component.getName().equals("total") && read(component, report) instanceof Record total) {
                rows.add(total);
            }
        }
        if (report instanceof ReportData.Totalled totalled) {
            rows.add(totalled.totalRow());
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            if (!rows.isEmpty()) {
                csv.printRecord(header(rows.get(0)));
            }
            for (Record row : rows) {
                csv.printRecord(cells(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> header(Record row) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            if (read(component, row) instanceof Map<?, ?> map) {
                map.keySet().forEach(key -> names.add(component.getName() + "." + key));
            } else {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static List<String> cells(Record row) {
        List<String> cells = new ArrayList<>();
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            Object value = read(component, row);
            if (value instanceof Map<?, ?> map) {
                map.values().forEach(v -> cells.add(cell(v)));
            } else {
                cells.add(cell(value));
            }
        }
        return cells;
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof Number || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
