package org.tesseracrm.platform.control;

/** How a filterable field's values are parsed, bound and compared in SQL. */
public enum FieldType {
    /** compared as typed */
    TEXT,
    /** compared case-insensitively: the column expression is {@code lower(…)} */
    TEXT_IGNORE_CASE,
    /** one of a fixed set of values */
    ENUM, TIMESTAMP, DATE, NUMBER, INTEGER, UUID, BOOLEAN,
    /** a {@code text[]} column: {@code has} one tag, {@code in} any of several */
    TAGS,
    /** membership of a segment (by its id): the record's {@code id} among the segment's members */
    SEGMENT
}
