package org.tesseracrm.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A simulated week under a clock the test controls: 24 mailboxes with different limits, e-mails arriving in bursts,
 * and a dispatcher that asks {@link SendingLimits} before each send, exactly as {@code MailboxLimits} does with the
 * database's counts. Afterwards every send is checked against every window it falls in.
 */
class SendingLimitsTest {

    private static final Duration TICK = Duration.ofSeconds(5);
    private static final Duration WEEK = Duration.ofDays(7);

    private static final class SimulatedMailbox {
        final SendingLimits.Limits limits;
        final Deque<Instant> waiting = new ArrayDeque<>();
        final List<Instant> sent = new ArrayList<>();
        Instant nextSlot = Instant.EPOCH;
        Instant heldUntil = Instant.EPOCH;
        int queued;

        SimulatedMailbox(SendingLimits.Limits limits) {
            this.limits = limits;
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
    void aSimulatedWeekSendsNothingOverACapOrInsideAGapAndLosesNothing() {
        Random random = new Random(20261203L);
        List<SimulatedMailbox> mailboxes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            mailboxes.add(new SimulatedMailbox(new SendingLimits.Limits(300 + random.nextInt(700),
                    20 + random.nextInt(80), Duration.ofSeconds(random.nextInt(4) * 15L))));
        }
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        Instant end = start.plus(WEEK);
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
        for (SimulatedMailbox mailbox : mailboxes) {
            List<Instant> sent = mailbox.sent;
            for (int i = 0; i < sent.size(); i++) {
                Instant at = sent.get(i);
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
            // two days without new e-mails are enough for every mailbox to drain: nothing dropped, nothing left
            assertThat(mailbox.waiting).as("still waiting").isEmpty();
            assertThat(sent).hasSize(mailbox.queued);
            total += sent.size();
        }
        System.out.println("simulated week: " + total + " sends, " + capsReached + " at a cap");
        // the limits were really exercised, not just never reached
        assertThat(total).isGreaterThan(10_000);
        assertThat(capsReached).isGreaterThan(100);
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
