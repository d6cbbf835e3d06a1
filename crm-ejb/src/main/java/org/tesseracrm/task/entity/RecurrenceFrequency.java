package org.tesseracrm.task.entity;

import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.AttributeConverter;

/** The unit a recurring task repeats in. Stored in lower case. */
public enum RecurrenceFrequency {
    DAILY, WEEKLY, MONTHLY;

    /** The stored and API form: daily, weekly, monthly. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecurrenceFrequency fromCode(String code) {
        for (RecurrenceFrequency value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new InvalidInput("recurrence.frequency", "must be one of daily, weekly, monthly");
    }

    /** Maps the enum to its lower-case column value. */
    @jakarta.persistence.Converter
    public static class Column implements AttributeConverter<RecurrenceFrequency, String> {

        @Override
        public String convertToDatabaseColumn(RecurrenceFrequency value) {
            return value == null ? null : value.code();
        }

        @Override
        public RecurrenceFrequency convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
