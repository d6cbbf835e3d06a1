package org.tesseracrm.deal.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;

/** What valid pipelines and deals look like; violations are {@link InvalidInput} with the field that is wrong. */
final class DealRules {

    // Keycloak usernames as we create them: e-mail addresses or simple names
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@+-]{1,255}$");
    private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final BigDecimal MAX_VALUE = new BigDecimal("99999999999999999.99"); // numeric(19,2)

    private DealRules() {
    }

    static String text(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw new InvalidInput(field, "must be 1 to " + max + " characters");
        }
        return trimmed;
    }

    /** Blank means none. */
    static String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }

    static String username(String field, String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInput(field, "is not a valid user name");
        }
        return username;
    }

    static int probability(String field, int probability) {
        if (probability < 0 || probability > 100) {
            throw new InvalidInput(field, "must be 0 to 100");
        }
        return probability;
    }

    static BigDecimal value(BigDecimal value) {
        if (value == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
            throw new InvalidInput("value", "must be 0 to " + MAX_VALUE.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidInput("value", "must have at most 2 decimal places");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    static String currency(String code) {
        return Fields.knownCurrency("currency", code);
    }

    static String colour(String colour) {
        if (colour == null || colour.isBlank()) {
            return null;
        }
        if (!COLOUR.matcher(colour).matches()) {
            throw new InvalidInput("colour", "must look like #1a2b3c");
        }
        return colour.toLowerCase(Locale.ROOT);
    }
}
