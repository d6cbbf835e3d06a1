package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.web.console.shell.ConsoleTime;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** One entry of a record's history from the audit trail: who did what when, each field before and after. */
public record HistoryRow(String action, String by, String when, List<Change> changes) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One changed field; values as text, empty where the field had none. */
    public record Change(String field, String before, String after) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public HistoryRow {
        changes = List.copyOf(changes);
    }

    static HistoryRow of(AuditEntry entry, ConsoleTime time) {
        List<Change> changes = entry.changes().entrySet().stream()
                .filter(field -> !field.getKey().equals("version"))
                .map(HistoryRow::change).toList();
        return new HistoryRow(entry.action(), entry.changedBy(), time.format(entry.changedAt()), changes);
    }

    private static Change change(Map.Entry<String, JsonValue> field) {
        JsonObject beforeAfter = field.getValue().asJsonObject();
        return new Change(field.getKey(), text(beforeAfter.get("before")), text(beforeAfter.get("after")));
    }

    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        String shown = value instanceof JsonString s ? s.getString() : value.toString();
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
