package org.tesseracrm.record.control;

import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.record.entity.OwnedRecord;

/**
 * One object type as the record protocol knows it: its entity, the name used in messages and the audit log
 * ({@code contact}), and the table its lists and searches run on ({@code null} for a type with no list of its own).
 * A type whose list pages are hot may also say how to read its records from a row ({@link #readingRows}): its pages
 * are then read in one statement, without the entity manager.
 */
public record RecordKind<E extends OwnedRecord>(Class<E> entity, String name, RecordTable table, String rowColumns,
        RecordQueries.RowReader<E> rowReader) {

    public RecordKind(Class<E> entity, String name, RecordTable table) {
        this(entity, name, table, null, null);
    }

    /** The same kind, with list pages read from {@code columns} by {@code reader}. */
    public RecordKind<E> readingRows(String columns, RecordQueries.RowReader<E> reader) {
        return new RecordKind<>(entity, name, table, columns, reader);
    }
}
