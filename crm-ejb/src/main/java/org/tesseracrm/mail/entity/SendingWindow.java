package org.tesseracrm.mail.entity;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * When a mailbox's e-mails may leave: on {@code days}, between {@code start} and {@code end} local time (both null:
 * all day; {@code end} before {@code start}: overnight, the hours after midnight belonging to the day it began), in
 * {@code timeZone} or, when null, the tenant's time zone. With {@code inRecipientZone} each e-mail is judged in its
 * recipient's time zone (the lead's or contact's {@code timeZone}), and only recipients without one in that zone.
 */
public record SendingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, String timeZone,
        boolean inRecipientZone) {

    public static final SendingWindow ALWAYS = new SendingWindow(EnumSet.allOf(DayOfWeek.class), null, null, null);

    /** A window read in one zone for every recipient. */
    public SendingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, String timeZone) {
        this(days, start, end, timeZone, false);
    }

    public SendingWindow {
        if (days == null || days.isEmpty()) {
            throw new InvalidInput("sendingWindow.days", "must name at least one day");
        }
        days = Set.copyOf(days);
        if ((start == null) != (end == null)) {
            throw new InvalidInput("sendingWindow", "needs both start and end, or neither (all day)");
        }
        if (start != null && start.equals(end)) {
            throw new InvalidInput("sendingWindow.end", "must differ from start (leave both out for all day)");
        }
        if (start != null && (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0
                || end.getNano() != 0)) {
            throw new InvalidInput("sendingWindow", "start and end are whole minutes (09:00)");
        }
        if (timeZone != null) {
            try {
                if (timeZone.length() > 64) {
                    throw new DateTimeException("too long");
                }
                timeZone = ZoneId.of(timeZone).getId();
            } catch (DateTimeException e) {
                throw new InvalidInput("sendingWindow.timeZone", "is not a time zone (like Europe/Berlin)");
            }
        }
    }

    /** The days as stored: ISO numbers as digits, {@code 12345} for Monday to Friday. */
    public String storedDays() {
        return days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining());
    }

    public static Set<DayOfWeek> fromStored(String digits) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        digits.chars().forEach(c -> days.add(DayOfWeek.of(c - '0')));
        return days;
    }

    /** The zone the window is read in: its own, or the tenant's. */
    public ZoneId zone(ZoneId tenantZone) {
        return timeZone == null ? tenantZone : ZoneId.of(timeZone);
    }

    public boolean always() {
        return start == null && days.size() == 7;
    }
}
