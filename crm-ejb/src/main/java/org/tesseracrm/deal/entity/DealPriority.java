package org.tesseracrm.deal.entity;

import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.AttributeConverter;

/** How much attention a deal gets. Stored in lower case. */
public enum DealPriority {
    LOW, MEDIUM, HIGH;

    /** The stored and API form: {@code low}, {@code medium}, {@code high}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DealPriority fromCode(String code) {
        for (DealPriority priority : values()) {
            if (priority.code().equals(code)) {
                return priority;
            }
        }
        throw new InvalidInput("priority", "must be one of low, medium, high");
    }

    /** Maps the enum to its lower-case column value. */
    @jakarta.persistence.Converter
    public static class Column implements AttributeConverter<DealPriority, String> {

        @Override
        public String convertToDatabaseColumn(DealPriority priority) {
            return priority == null ? null : priority.code();
        }

        @Override
        public DealPriority convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
