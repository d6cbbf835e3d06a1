package org.tesseracrm.task.entity;

import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.AttributeConverter;

/** How soon a task needs doing. Stored in lower case. */
public enum TaskPriority {
    URGENT, HIGH, MEDIUM, LOW;

    /** The stored and API form: urgent, high, medium, low. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskPriority fromCode(String code) {
        for (TaskPriority value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new InvalidInput("priority", "must be one of urgent, high, medium, low");
    }

    /** Maps the enum to its lower-case column value. */
    @jakarta.persistence.Converter
    public static class Column implements AttributeConverter<TaskPriority, String> {

        @Override
        public String convertToDatabaseColumn(TaskPriority value) {
            return value == null ? null : value.code();
        }

        @Override
        public TaskPriority convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
