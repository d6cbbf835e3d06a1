package org.tesseracrm.mail.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.tesseracrm.mail.entity.SendingWindow;

/**
 * When a mailbox may send its next e-mail: inside its sending window, at most {@code dailyCap} in any 24 hours,
 * {@code hourlyCap} in any hour, and {@code minGap} between two. A pure function of what the database counts, so the rule is tested on its own
 * over a simulated week ({@code SendingLimitsTest}) and the dispatcher applies exactly it. Holding back is the only
 * answer: an e-mail is never dropped for a limit.
 */
public final class SendingLimits {

    /** A mailbox's limits. */
    public record Limits(int dailyCap, int hourlyCap, Duration minGap) {
    }

    /**
     * What the mailbox sent (or is sending) within the last 24 hours and the last hour, when the oldest of each will
     * have left its window, and the reserved instant before which nothing more may leave (the minimum gap).
     */
    public record Usage(int lastDay, int lastHour, Instant dayFreesAt, Instant hourFreesAt, Instant nextSlotAt) {
    }

    private SendingLimits() {
    }

    /** Empty: send now. Otherwise the earliest instant to look again (the caps may still hold then). */
    public static Optional<Instant> holdUntil(Limits limits, Usage usage, Instant now) {
        Instant until = null;
        if (usage.lastDay() >= limits.dailyCap()) {
            until = later(until, usage.dayFreesAt() == null ? now.plusSeconds(1) : usage.dayFreesAt());
        }
        if (usage.lastHour() >= limits.hourlyCap()) {
            until = later(until, usage.hourFreesAt() == null ? now.plusSeconds(1) : usage.hourFreesAt());
        }
        if (usage.nextSlotAt() != null && usage.nextSlotAt().isAfter(now)) {
            until = later(until, usage.nextSlotAt());
        }
        if (until != null && !until.isAfter(now)) {
            // a window that should have freed already (sends still in flight): look again shortly
            until = now.plusSeconds(1);
        }
        return Optional.ofNullable(until);
    }

    /**
     * Empty when {@code now} is inside the window; otherwise the instant it next opens. Read in {@code zone} with its
     * daylight-saving changes: a start that falls into a skipped hour opens at the hour after the gap.
     */
    public static Optional<Instant> windowOpensAt(SendingWindow window, ZoneId zone, Instant now) {
        if (window.always()) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant next = null;
        // yesterday's overnight window may still be open; a week ahead always holds a window's next opening
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(8)); day = day.plusDays(1)) {
            if (!window.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant opens = window.start() == null
                    ? day.atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(day, window.start(), zone).toInstant();
            Instant closes = window.start() == null
                    ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(window.end().isAfter(window.start()) ? day : day.plusDays(1), window.end(),
                            zone).toInstant();
            if (!now.isBefore(opens) && now.isBefore(closes)) {
                return Optional.empty();
            }
            if (opens.isAfter(now) && (next == null || opens.isBefore(next))) {
                next = opens;
            }
        }
        return Optional.of(next);
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }
}
