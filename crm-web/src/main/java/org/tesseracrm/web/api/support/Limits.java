package org.tesseracrm.web.api.support;

import org.tesseracrm.platform.entity.InvalidInput;

/** The {@code limit} query parameter of the lists that have no cursor: a whole number in a range, else 400. */
public final class Limits {

    private Limits() {
    }

    public static int parse(String limit, int whenAbsent, int max) {
        int size;
        try {
            size = limit == null ? whenAbsent : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > max) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + max);
        }
        return size;
    }
}
