package org.tesseracrm.platform.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as we accept them: plainly checked (the mail server judges deliverability), stored lower-case. */
public final class EmailAddress {

    private static final Pattern FORMAT = Pattern.compile("^[^@\\s\"<>]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

    private EmailAddress() {
    }

    /** The address, normalised; {@link InvalidInput} naming {@code field} if it is not one. */
    public static String require(String field, String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInput(field, "is not an e-mail address");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
