package org.tesseracrm.record.control;

import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.record.entity.OwnedRecord;

/**
 * One object type as the record protocol knows it: its entity, the name used in messages and the audit log
 * ({@code contact}), and the table its lists and searches run on ({@code null} for a type with no list of its own).
 */
public record RecordKind<E extends OwnedRecord>(Class<E> entity, String name, RecordTable table) {
}
