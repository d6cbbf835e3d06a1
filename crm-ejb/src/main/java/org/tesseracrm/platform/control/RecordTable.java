package org.tesseracrm.platform.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tesseracrm.platform.entity.InvalidInput;

/** What the generic list and search may touch in one table: its filterable and sortable fields, nothing else. */
public record RecordTable(String objectType, String table, Map<String, RecordField> fields, String defaultSort,
        boolean fullText) {

    public static RecordTable of(String objectType, String table, String defaultSort, boolean fullText,
            List<RecordField> fields) {
        Map<String, RecordField> byName = new LinkedHashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        return new RecordTable(objectType, table, Map.copyOf(byName), defaultSort, fullText);
    }

    /** The field, or {@link InvalidInput} listing what is allowed. */
    public RecordField field(String name) {
        RecordField field = fields.get(name);
        if (field == null) {
            throw new InvalidInput("filter", "'" + abbreviate(name) + "' is not a field of " + objectType
                    + "; fields: " + String.join(", ", fields.keySet().stream().sorted().toList()));
        }
        return field;
    }

    public RecordField sortField(String name) {
        RecordField field = fields.get(name);
        if (field == null || !field.sortable()) {
            throw new InvalidInput("sort", "'" + abbreviate(name) + "' cannot be sorted on; sortable: " + String
                    .join(", ", fields.values().stream().filter(RecordField::sortable).map(RecordField::name)
                            .sorted().toList()));
        }
        return field;
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
