package org.tesseracrm.platform.control;

import java.util.Set;

/**
 * A field the API may filter or sort on: its API name, the SQL expression it stands for (fixed here, never taken from
 * the request), its type and, for enums, the allowed values. Sortable fields must never be null (keyset paging).
 */
public record RecordField(String name, String column, FieldType type, Set<String> values, boolean sortable,
        String sqlType) {

    public static RecordField of(String name, String column, FieldType type) {
        return new RecordField(name, column, type, Set.of(), false, null);
    }

    public static RecordField enumOf(String name, String column, Set<String> values) {
        return new RecordField(name, column, FieldType.ENUM, Set.copyOf(values), false, null);
    }

    /** A non-null field to sort on; {@code sqlType} casts a cursor value back for comparison. */
    public static RecordField sortable(String name, String column, FieldType type, String sqlType) {
        return new RecordField(name, column, type, Set.of(), true, sqlType);
    }
}
