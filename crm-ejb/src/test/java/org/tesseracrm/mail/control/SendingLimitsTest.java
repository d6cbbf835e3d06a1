package org.tesseracrm.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tesseracrm.mail.entity.SendingWindow;
import org.tesseracrm.platform.entity.InvalidInput;

/**
 * A simulated week under a clock the test controls: 24 mailboxes with different limits and sending windows (in five
 * time zones, overnight ones too), e-mails arriving in bursts, and a dispatcher that asks {@link SendingLimits}
 * before each send, exactly as {@code MailboxLimits} does with the
 * database's counts. Afterwards every send is checked against every window it falls in.
 */
class SendingLimitsTest {

    private static final Duration TICK = Duration.ofSeconds(5);
    /** Bursts on the first five days (Monday to Friday), then four more days to drain (a weekend is closed for some). */
    private static final Duration SIMULATED = Duration.ofDays(9);

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Adelaide"), ZoneOffset.UTC);

    /** Every fourth mailbox sends any time; the others in office hours, a short day, or overnight on weekdays. */
    private static SendingWindow window(int i) {
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        String zone = ZONES.get(i % ZONES.size()).getId();
        return switch (i % 4) {
            case 0 -> SendingWindow.ALWAYS;
            case 1 -> new SendingWindow(weekdays, LocalTime.of(9, 0), LocalTime.of(17, 30), zone);
            case 2 -> new SendingWindow(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY),
                    LocalTime.of(10, 15), LocalTime.of(12, 0), zone);
            default -> new SendingWindow(weekdays, LocalTime.of(22, 0), LocalTime.of(6, 0), zone);
        };
    }

    /** Whether {@code at} is inside the window, worked out independently of {@link SendingLimits}. */
    private static boolean inside(SendingWindow window, Instant at) {
        ZonedDateTime local = at.atZone(window.zone(ZoneOffset.UTC));
        DayOfWeek day = local.getDayOfWeek();
        if (window.start() == null) {
            return window.days().contains(day);
        }
        LocalTime time = local.toLocalTime();
        if (window.end().isAfter(window.start())) {
            return window.days().contains(day) && !time.isBefore(window.start()) && time.isBefore(window.end());
        }
        return window.days().contains(day) && !time.isBefore(window.start())
                || window.days().contains(day.minus(1)) && time.isBefore(window.end());
    }

    private static final class SimulatedMailbox {
        final SendingLimits.Limits limits;
        final SendingWindow window;
        final Deque<Instant> waiting = new ArrayDeque<>();
        final List<Instant> sent = new ArrayList<>();
        Instant nextSlot = Instant.EPOCH;
        Instant heldUntil = Instant.EPOCH;
        int queued;

        SimulatedMailbox(SendingLimits.Limits limits, SendingWindow window) {
            this.limits = limits;
            this.window = window;
        }

        SendingLimits.Usage usage(Instant now) {
            int day = 0;
            int hour = 0;
            Instant oldestDay = null;
            Instant oldestHour = null;
            for (int i = sent.size() - 1; i >= 0; i--) {
                Instant at = sent.get(i);
                if (!at.isAfter(now.minus(Duration.ofHours(24)))) {
                    break;
                }
                day++;
                oldestDay = at;
                if (at.isAfter(now.minus(Duration.ofHours(1)))) {
                    hour++;
                    oldestHour = at;
                }
            }
            return new SendingLimits.Usage(day, hour, oldestDay == null ? null : oldestDay.plus(Duration.ofHours(24)),
                    oldestHour == null ? null : oldestHour.plus(Duration.ofHours(1)), nextSlot);
        }
    }

    @Test
    void aSimulatedWeekSendsNothingOutsideAWindowOverACapOrInsideAGapAndLosesNothing() {
        Random random = new Random(20261203L);
        List<SimulatedMailbox> mailboxes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            mailboxes.add(new SimulatedMailbox(new SendingLimits.Limits(300 + random.nextInt(700),
                    20 + random.nextInt(80), Duration.ofSeconds(random.nextInt(4) * 15L)), window(i)));
        }
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        Instant end = start.plus(SIMULATED);
        for (Instant now = start; now.isBefore(end); now = now.plus(TICK)) {
            for (SimulatedMailbox mailbox : mailboxes) {
                // bursts in the first five days: a sequence step of up to 150 e-mails falls due at once
                if (now.isBefore(start.plus(Duration.ofDays(5))) && random.nextInt(6000) == 0) {
                    int burst = 1 + random.nextInt(150);
                    for (int k = 0; k < burst; k++) {
                        mailbox.waiting.add(now);
                    }
                    mailbox.queued += burst;
                }
                // a dispatcher round: several e-mails of one mailbox may be due in the same round
                while (!mailbox.waiting.isEmpty() && !mailbox.heldUntil.isAfter(now)) {
                    Optional<Instant> opens = SendingLimits.windowOpensAt(mailbox.window, mailbox.window.zone(
                            ZoneOffset.UTC), now);
                    if (opens.isPresent()) {
                        assertThat(opens.get()).isAfter(now);
                        mailbox.heldUntil = opens.get();
                        break;
                    }
                    Optional<Instant> hold = SendingLimits.holdUntil(mailbox.limits, mailbox.usage(now), now);
                    if (hold.isPresent()) {
                        assertThat(hold.get()).isAfter(now);
                        mailbox.heldUntil = hold.get();
                        break;
                    }
                    mailbox.waiting.poll();
                    mailbox.sent.add(now);
                    mailbox.nextSlot = now.plus(mailbox.limits.minGap());
                }
            }
        }

        int total = 0;
        int capsReached = 0;
        int windowed = 0;
        int waiting = 0;
        for (SimulatedMailbox mailbox : mailboxes) {
            List<Instant> sent = mailbox.sent;
            for (int i = 0; i < sent.size(); i++) {
                Instant at = sent.get(i);
                assertThat(inside(mailbox.window, at)).as("send at " + at + " inside " + mailbox.window).isTrue();
                if (!mailbox.window.always()) {
                    windowed++;
                }
                long inDay = sent.stream().filter(t -> t.isAfter(at.minus(Duration.ofHours(24))) && !t.isAfter(at))
                        .count();
                long inHour = sent.stream().filter(t -> t.isAfter(at.minus(Duration.ofHours(1))) && !t.isAfter(at))
                        .count();
                assertThat(inDay).as("sends in the 24 h up to " + at).isLessThanOrEqualTo(mailbox.limits.dailyCap());
                assertThat(inHour).as("sends in the hour up to " + at).isLessThanOrEqualTo(
                        mailbox.limits.hourlyCap());
                if (inDay == mailbox.limits.dailyCap() || inHour == mailbox.limits.hourlyCap()) {
                    capsReached++;
                }
                if (i > 0) {
                    assertThat(Duration.between(sent.get(i - 1), at)).isGreaterThanOrEqualTo(mailbox.limits.minGap());
                }
            }
            // nothing dropped: every e-mail was sent or still waits for its window; a mailbox that may send any
            // time drains in the four days without new e-mails
            assertThat(sent.size() + mailbox.waiting.size()).as("sent or waiting").isEqualTo(mailbox.queued);
            if (mailbox.window.always()) {
                assertThat(mailbox.waiting).as("still waiting").isEmpty();
            }
            waiting += mailbox.waiting.size();
            total += sent.size();
        }
        System.out.println("simulated week: " + total + " sends, " + capsReached + " at a cap, " + windowed
                + " by mailboxes with a sending window, 0 outside one; " + waiting
                + " still waiting for a window at the end");
        // the limits were really exercised, not just never reached
        assertThat(total).isGreaterThan(10_000);
        assertThat(capsReached).isGreaterThan(100);
        assertThat(windowed).isGreaterThan(5_000);
    }

    @Test
    void aWindowOpensAtItsNextStartAndAnOvernightOneBelongsToTheDayItBegan() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SendingWindow office = new SendingWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9,
                0), LocalTime.of(17, 0), null);
        // Friday 2026-12-04 18:00 in Berlin (17:00 UTC): the next opening is Monday 09:00
        assertThat(SendingLimits.windowOpensAt(office, berlin, Instant.parse("2026-12-04T17:00:00Z")))
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(SendingLimits.windowOpensAt(office, berlin, Instant.parse("2026-12-07T08:00:00Z"))).isEmpty();
        assertThat(SendingLimits.windowOpensAt(office, berlin, Instant.parse("2026-12-07T16:00:00Z")))
                .contains(Instant.parse("2026-12-08T08:00:00Z"));
        // the tenant's zone applies when the window names none
        assertThat(SendingLimits.windowOpensAt(office, ZoneId.of("America/New_York"), Instant.parse(
                "2026-12-07T13:59:00Z"))).contains(Instant.parse("2026-12-07T14:00:00Z"));

        SendingWindow fridayNight = new SendingWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                LocalTime.of(6, 0), "Europe/Berlin");
        // Saturday 03:00 in Berlin belongs to Friday's night; Saturday 07:00 waits for the next Friday 22:00
        assertThat(SendingLimits.windowOpensAt(fridayNight, berlin, Instant.parse("2026-12-05T02:00:00Z")))
                .isEmpty();
        assertThat(SendingLimits.windowOpensAt(fridayNight, berlin, Instant.parse("2026-12-05T06:00:00Z")))
                .contains(Instant.parse("2026-12-11T21:00:00Z"));
    }

    @Test
    void aStartInsideTheHourThatDaylightSavingSkipsOpensAfterTheGap() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Sunday 2027-03-28: Berlin's clocks go from 02:00 to 03:00; a 02:30 start opens at 03:30 CEST (01:30 UTC)
        SendingWindow early = new SendingWindow(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(4,
                0), null);
        assertThat(SendingLimits.windowOpensAt(early, berlin, Instant.parse("2027-03-28T00:00:00Z")))
                .contains(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(SendingLimits.windowOpensAt(early, berlin, Instant.parse("2027-03-28T01:45:00Z"))).isEmpty();
        // and all day means all of the day, 23 hours long here
        SendingWindow sundays = new SendingWindow(EnumSet.of(DayOfWeek.SUNDAY), null, null, null);
        assertThat(SendingLimits.windowOpensAt(sundays, berlin, Instant.parse("2027-03-28T21:59:00Z"))).isEmpty();
        assertThat(SendingLimits.windowOpensAt(sundays, berlin, Instant.parse("2027-03-28T22:00:00Z")))
                .contains(Instant.parse("2027-04-03T22:00:00Z"));
    }

    @Test
    void aWindowIsRefusedWhenItCannotBeKept() {
        assertThatThrownBy(() -> new SendingWindow(EnumSet.noneOf(DayOfWeek.class), null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SendingWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SendingWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(9,
                0), null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SendingWindow(EnumSet.of(DayOfWeek.MONDAY), null, null, "Mars/Olympus"))
                .isInstanceOf(InvalidInput.class);
        assertThat(new SendingWindow(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), null, null, null).storedDays())
                .isEqualTo("15");
    }

    @Test
    void aLimitWhoseWindowShouldHaveFreedStillHoldsForAMoment() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        SendingLimits.Limits limits = new SendingLimits.Limits(10, 5, Duration.ZERO);
        // five in flight (no sent_at yet): the hour is full, and there is no oldest send to wait for
        assertThat(SendingLimits.holdUntil(limits, new SendingLimits.Usage(5, 5, null, null, null), now))
                .contains(now.plusSeconds(1));
        assertThat(SendingLimits.holdUntil(limits, new SendingLimits.Usage(4, 4, now, now, null), now)).isEmpty();
        assertThat(SendingLimits.holdUntil(limits, new SendingLimits.Usage(4, 4, null, null, now.plusSeconds(30)),
                now)).contains(now.plusSeconds(30));
    }
}
