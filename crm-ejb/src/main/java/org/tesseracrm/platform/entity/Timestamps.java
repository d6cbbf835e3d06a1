package org.tesseracrm.platform.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Now, in UTC and at PostgreSQL's precision (microseconds), so a value reads back exactly as it was written. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The value, if its year (in UTC) is within 1 to 9999: what every client and report can show, and far inside
     * PostgreSQL's range (a year like 999999999 made the database refuse the statement).
     */
    public static OffsetDateTime supported(String field, OffsetDateTime value) {
        if (value != null) {
            int year = value.atZoneSameInstant(ZoneOffset.UTC).getYear();
            if (year < 1 || year > 9999) {
                throw new InvalidInput(field, "must be between the years 1 and 9999");
            }
        }
        return value;
    }

    public static java.time.LocalDate supported(String field, java.time.LocalDate value) {
        if (value != null && (value.getYear() < 1 || value.getYear() > 9999)) {
            throw new InvalidInput(field, "must be between the years 1 and 9999");
        }
        return value;
    }

    /** A date ({@code 2026-11-23}, its start in UTC) or a date-time with offset, within {@link #supported}. */
    public static OffsetDateTime parseInstant(String field, String text) {
        try {
            OffsetDateTime value = text.length() == 10
                    ? java.time.LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text);
            return supported(field, value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date (2026-11-23) or a date-time with offset");
        }
    }

    /** A timestamptz as a native query returns it (a {@code java.sql.Timestamp} or already an OffsetDateTime), in UTC. */
    public static OffsetDateTime fromColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
