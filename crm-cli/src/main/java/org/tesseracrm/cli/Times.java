package org.tesseracrm.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Times on the command line: ISO-8601 with an offset, or a local date-time in the person's zone. */
public final class Times implements ITypeConverter<OffsetDateTime> {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Override
    public OffsetDateTime convert(String value) {
        String text = value.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toOffsetDateTime();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toOffsetDateTime();
                } catch (DateTimeParseException notADate) {
                    throw new TypeConversionException("not a time: '" + value + "' (try 2026-12-07T10:30 or "
                            + "2026-12-07T10:30:00+01:00)");
                }
            }
        }
    }

    public static String show(OffsetDateTime time, ZoneId zone) {
        return SHOWN.format(time.atZoneSameInstant(zone));
    }
}
