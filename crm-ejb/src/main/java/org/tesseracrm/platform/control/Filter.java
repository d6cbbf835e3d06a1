package org.tesseracrm.platform.control;

import java.util.List;
import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

/** One condition on one field: {@code status eq new}, {@code createdAt gte 2026-01-01}, {@code tags has vip}. */
public record Filter(String field, Operator operator, List<String> values) {

    /** The comparisons the API offers. */
    public enum Operator {
        EQ, NEQ, IN, LT, LTE, GT, GTE, HAS, EXISTS;

        public static Operator parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInput("operator", "'" + RecordTable.abbreviate(String.valueOf(name))
                        + "' is not one of eq, neq, in, lt, lte, gt, gte, has, exists");
            }
        }
    }

    public Filter {
        values = List.copyOf(values);
        if (values.isEmpty() || values.size() > 100) {
            throw new InvalidInput("filter", field + " needs 1 to 100 values");
        }
    }
}
