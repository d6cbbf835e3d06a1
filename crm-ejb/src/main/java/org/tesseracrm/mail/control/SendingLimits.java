package org.tesseracrm.mail.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a mailbox may send its next e-mail: at most {@code dailyCap} in any 24 hours, {@code hourlyCap} in any hour,
 * and {@code minGap} between two. A pure function of what the database counts, so the rule is tested on its own
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

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }
}
