package org.tesseracrm.web.api.support;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Amounts travel as decimal strings ({@code "1200.50"}), never as JSON numbers: a client that parses JSON numbers as
 * binary floating point would otherwise round them. The currency is always a field beside the amount.
 */
public final class Money {

    /** The contract's pattern of an amount. */
    public static final String PATTERN = "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$";

    private Money() {
    }

    public static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** Amounts per currency code. */
    public static Map<String, String> text(Map<String, BigDecimal> amounts) {
        Map<String, String> text = new LinkedHashMap<>();
        amounts.forEach((currency, amount) -> text.put(currency, text(amount)));
        return text;
    }
}
