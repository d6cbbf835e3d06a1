package org.tesseracrm.cli.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rows under named columns, printed as an aligned table, CSV or JSON. The table shows times in the local zone to the
 * minute and cuts long text; CSV and JSON keep every value whole (times as ISO-8601 with their offset).
 */
public final class Table {

    /** A column: its key in JSON and the CSV header, its heading in the table, the widest it may be there. */
    public record Column(String key, String heading, int maxWidth) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String NONE = "-";

    private final List<Column> columns = new ArrayList<>();
    private final List<List<Object>> rows = new ArrayList<>();

    public Table column(String key, String heading) {
        return column(key, heading, 40);
    }

    public Table column(String key, String heading, int maxWidth) {
        columns.add(new Column(key, heading, maxWidth));
        return this;
    }

    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        List<Object> row = new ArrayList<>(values.length);
        Collections.addAll(row, values);
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(Format format, PrintWriter out, ObjectMapper json, ZoneId zone) {
        switch (format) {
            case TABLE -> printTable(out, zone);
            case CSV -> printCsv(out);
            case JSON -> printJson(out, json);
        }
        out.flush();
    }

    void printTable(PrintWriter out, ZoneId zone) {
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).heading().length();
        }
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String text = cut(forTable(row.get(c), zone), columns.get(c).maxWidth());
                widths[c] = Math.max(widths[c], text.length());
                line.add(text);
            }
            cells.add(line);
        }
        List<String> headings = columns.stream().map(Column::heading).toList();
        out.println(line(headings, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        cells.forEach(line -> out.println(line(line, widths)));
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    void printCsv(PrintWriter out) {
        out.print(String.join(",", columns.stream().map(c -> csvCell(c.key())).toList()));
        out.print("\r\n");
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object value : row) {
                cells.add(csvCell(forCsv(value)));
            }
            out.print(String.join(",", cells));
            out.print("\r\n");
        }
    }

    void printJson(PrintWriter out, ObjectMapper json) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                object.put(columns.get(c).key(), row.get(c));
            }
            objects.add(object);
        }
        try {
            // every key on every row, null or not, so that scripts can rely on them
            out.println(json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(objects));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (c > 0) {
                line.append("  ");
            }
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length()));
            }
        }
        return line.toString().stripTrailing();
    }

    static String forTable(Object value, ZoneId zone) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof OffsetDateTime time) {
            return LOCAL.format(time.atZoneSameInstant(zone));
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? NONE : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        String text = String.valueOf(value).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? NONE : text;
    }

    static String forCsv(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        return String.valueOf(value);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /**
     * RFC 4180 quoting; a text cell a spreadsheet would run as a formula (=, +, -, @ first, or a tab or carriage
     * return) gets a leading apostrophe, as the server's own CSV exports do. Numbers, negative ones too, stay numbers.
     */
    static String csvCell(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !isNumber(cell)) {
            cell = "'" + cell;
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static boolean isNumber(String text) {
        return text.matches("[-+]?\\d+(\\.\\d+)?");
    }
}
