package org.tesseracrm.platform.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value rules shared by CRM records; each failure is an {@link InvalidInput} naming the field. */
public final class Fields {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().\\-/]{3,40}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private Fields() {
    }

    /** Trimmed text of at most {@code max} characters; blank becomes {@code null}. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters");
        }
        if (trimmed.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            throw new InvalidInput(field, "contains control characters");
        }
        return trimmed;
    }

    public static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text == null) {
            throw new InvalidInput(field, "is required");
        }
        return text;
    }

    /**
     * An IANA time zone ({@code Europe/Berlin}), spelled as the time-zone database does; blank becomes {@code null}. Offsets such as
     * {@code +02:00} are refused: they do not follow daylight saving, which is what a sending window needs.
     */
    public static String timeZone(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            // the region ids of the time-zone database only: no offsets, no "UTC+2"
            if (trimmed.length() > 64 || !java.time.ZoneId.getAvailableZoneIds().contains(trimmed)) {
                throw new java.time.DateTimeException(trimmed);
            }
            return java.time.ZoneId.of(trimmed).getId();
        } catch (java.time.DateTimeException e) {
            throw new InvalidInput(field, "is not an IANA time zone (like Europe/Berlin)");
        }
    }

    public static String email(String field, String value) {
        return value == null || value.isBlank() ? null : EmailAddress.require(field, value.strip());
    }

    public static String phone(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (!PHONE.matcher(trimmed).matches()) {
            throw new InvalidInput(field, "is not a phone number");
        }
        return trimmed;
    }

    public static String currency(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!CURRENCY.matcher(value).matches()) {
            throw new InvalidInput(field, "must be an ISO 4217 code such as EUR");
        }
        return value;
    }

    /** An ISO 4217 code the JDK knows, in any case; returned upper-case (deals, quotas). */
    public static String knownCurrency(String field, String value) {
        String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            if (upper.length() == 3) {
                return java.util.Currency.getInstance(upper).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidInput(field, "must be an ISO 4217 currency code");
    }

    public static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0 || value.scale() > 2 || value.precision() - value.scale() > 17) {
            throw new InvalidInput(field, "must be a non-negative amount with at most 2 decimals");
        }
        return value;
    }

    /** Tags as {@link Tags} normalises them (trimmed, lower-case, de-duplicated). */
    public static List<String> tags(String field, List<String> values) {
        return values == null ? List.of() : Tags.normalise(field, values);
    }
}
