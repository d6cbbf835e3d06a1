package org.tesseracrm.platform.entity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The form in which two phone numbers are compared for duplicates: E.164 ({@code +49301234567}) for a number
 * written internationally that libphonenumber reads as a possible number, whatever its spacing, dashes, brackets or
 * "(0)"; otherwise its digits (a national number without a country, {@code 0301234567}), which match the same
 * national number written with other punctuation. Null for no number.
 */
public final class PhoneKeys {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneKeys() {
    }

    public static String of(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String trimmed = phone.strip();
        if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
            try {
                PhoneNumber number = PHONES.parse(trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed,
                        "ZZ");
                if (PHONES.isPossibleNumber(number)) {
                    return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                }
            } catch (NumberParseException e) {
                // not an international number after all: compared by its digits below
            }
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        return digits.length() < 5 ? null : digits;
    }
}
