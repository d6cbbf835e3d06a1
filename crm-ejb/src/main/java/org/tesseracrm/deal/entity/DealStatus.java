package org.tesseracrm.deal.entity;

import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.AttributeConverter;

/** Where a deal stands: still being worked, won or lost. Stored in lower case. */
public enum DealStatus {
    OPEN, WON, LOST;

    /** The stored and API form: {@code open}, {@code won}, {@code lost}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DealStatus fromCode(String code) {
        for (DealStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new InvalidInput("status", "must be one of open, won, lost");
    }

    /** Maps the enum to its lower-case column value. */
    @jakarta.persistence.Converter
    public static class Column implements AttributeConverter<DealStatus, String> {

        @Override
        public String convertToDatabaseColumn(DealStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public DealStatus convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
