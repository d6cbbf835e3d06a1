package org.tesseracrm.cli.call;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A call's length as people write it: {@code 25m}, {@code 1h5m}, {@code 90s}, {@code 12:30}, ISO {@code PT25M}. */
public final class CallDurations implements ITypeConverter<Duration> {

    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m(?:in)?)?\\s*(?:(\\d+)s)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):([0-5]\\d)");
    /** Nobody's call lasts a day; a larger number is a typing mistake, not a call. */
    private static final Duration LONGEST = Duration.ofHours(24);

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value.strip().toLowerCase(Locale.ROOT));
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new TypeConversionException("a call's duration is between 1s and 24h, not '" + value + "'");
        }
        return duration;
    }

    private static Duration parse(String text) {
        if (text.startsWith("pt")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            return Duration.ofMinutes(Long.parseLong(clock.group(1))).plusSeconds(Long.parseLong(clock.group(2)));
        }
        if (text.matches("\\d+")) {
            return Duration.ofMinutes(Long.parseLong(text));
        }
        Matcher units = UNITS.matcher(text);
        if (text.isEmpty() || !units.matches()) {
            throw invalid(text);
        }
        Duration total = Duration.ZERO;
        if (units.group(1) != null) {
            total = total.plusHours(Long.parseLong(units.group(1)));
        }
        if (units.group(2) != null) {
            total = total.plusMinutes(Long.parseLong(units.group(2)));
        }
        if (units.group(3) != null) {
            total = total.plusSeconds(Long.parseLong(units.group(3)));
        }
        return total;
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException("not a duration: '" + text + "' (try 25m, 1h5m, 90s or 12:30)");
    }
}
