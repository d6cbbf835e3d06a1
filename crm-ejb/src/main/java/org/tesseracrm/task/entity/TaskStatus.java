package org.tesseracrm.task.entity;

import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.AttributeConverter;

/** Where a task stands. Stored in lower case. */
public enum TaskStatus {
    PENDING, IN_PROGRESS, COMPLETED;

    /** The stored and API form: pending, in_progress, completed. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromCode(String code) {
        for (TaskStatus value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new InvalidInput("status", "must be one of pending, in_progress, completed");
    }

    /** Maps the enum to its lower-case column value. */
    @jakarta.persistence.Converter
    public static class Column implements AttributeConverter<TaskStatus, String> {

        @Override
        public String convertToDatabaseColumn(TaskStatus value) {
            return value == null ? null : value.code();
        }

        @Override
        public TaskStatus convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
