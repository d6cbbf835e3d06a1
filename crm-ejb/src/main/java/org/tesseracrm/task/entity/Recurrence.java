package org.tesseracrm.task.entity;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * How a task repeats: every {@code interval} days, weeks or months, with no occurrence due after {@code until} (if
 * set). Dates are UTC dates of the due time.
 */
public record Recurrence(RecurrenceFrequency frequency, int interval, LocalDate until) {

    static final int MAX_INTERVAL = 999;

    public Recurrence {
        if (frequency == null) {
            throw new InvalidInput("recurrence.frequency", "is required");
        }
        if (interval < 1 || interval > MAX_INTERVAL) {
            throw new InvalidInput("recurrence.interval", "must be 1 to " + MAX_INTERVAL);
        }
    }

    public static Recurrence every(int interval, RecurrenceFrequency frequency) {
        return new Recurrence(frequency, interval, null);
    }

    public Recurrence until(LocalDate last) {
        return new Recurrence(frequency, interval, last);
    }

    /**
     * When the occurrence after one due at {@code due} is due, or empty past {@code until}. Monthly series keep
     * {@code dayOfMonth}, or the month's last day where it is shorter (31 Jan, 28 Feb, 31 Mar).
     */
    public Optional<OffsetDateTime> next(OffsetDateTime due, int dayOfMonth) {
        OffsetDateTime at = due.withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime next;
        switch (frequency) {
            case DAILY :
                next = at.plusDays(interval);
                break;
            case WEEKLY :
                next = at.plusWeeks(interval);
                break;
            case MONTHLY :
                next = at.plusMonths(interval);
                next = next.withDayOfMonth(Math.min(dayOfMonth, next.toLocalDate().lengthOfMonth()));
                break;
            default :
                throw new IllegalStateException("unknown frequency " + frequency);
        }
        return until != null && next.toLocalDate().isAfter(until) ? Optional.empty() : Optional.of(next);
    }
}
