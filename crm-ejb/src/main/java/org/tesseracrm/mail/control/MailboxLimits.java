package org.tesseracrm.mail.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.tesseracrm.mail.control.MailDispatcher.Claimed;
import org.tesseracrm.mail.entity.SendingWindow;

/**
 * Applies the mailboxes' limits ({@link SendingLimits}) to what the dispatcher claimed. Per mailbox, in one
 * transaction with the mailbox row locked (so instances decide one after the other), it holds each e-mail until the
 * sending window opens when it is closed (read in the e-mail's recipient's time zone when the window says so), counts
 * the mailbox's e-mails
 * sent in the last 24 hours and hour plus those other dispatchers are sending right now, admits claimed e-mails while
 * the limits allow, reserves the next slot (the minimum gap), and puts the others back in the queue until the instant
 * the limits free up, with {@code last_error} saying why. Counting in-flight e-mails can only hold back too much for a
 * moment, never let one too many through.
 */
final class MailboxLimits {

    private MailboxLimits() {
    }

    /** The claimed e-mails to send now; the rest are queued again, held. */
    static List<Claimed> admit(DataSource dataSource, String schema, List<Claimed> claimed) throws SQLException {
        List<Claimed> admitted = new ArrayList<>();
        Map<String, List<Claimed>> byMailbox = new LinkedHashMap<>();
        for (Claimed mail : claimed) {
            if (mail.mailboxId() == null) {
                admitted.add(mail);
            } else {
                byMailbox.computeIfAbsent(mail.mailboxId(), id -> new ArrayList<>()).add(mail);
            }
        }
        for (Map.Entry<String, List<Claimed>> mailbox : byMailbox.entrySet()) {
            admitted.addAll(admit(dataSource, schema, mailbox.getKey(), mailbox.getValue()));
        }
        return admitted;
    }

    private static List<Claimed> admit(DataSource dataSource, String schema, String mailboxId, List<Claimed> mails)
            throws SQLException {
        List<Claimed> admitted = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SendingLimits.Limits limits;
            Instant now;
            Instant nextSlot;
            SendingWindow window;
            ZoneId zone;
            try (PreparedStatement s = c.prepareStatement("SELECT daily_cap, hourly_cap, min_gap_seconds,"
                    + " greatest(next_slot_at, now() - interval '1 day'), now(), window_days, window_start,"
                    + " window_end, window_zone, (SELECT time_zone FROM " + schema + ".workspace_setting),"
                    + " window_in_recipient_zone FROM "
                    + schema + ".mailbox WHERE id = CAST(? AS uuid) FOR UPDATE")) {
                s.setString(1, mailboxId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        c.rollback();
                        return mails; // the mailbox was removed meanwhile: no limits any more
                    }
                    limits = new SendingLimits.Limits(r.getInt(1), r.getInt(2), Duration.ofSeconds(r.getInt(3)));
                    nextSlot = r.getObject(4, OffsetDateTime.class).toInstant();
                    now = r.getObject(5, OffsetDateTime.class).toInstant();
                    window = new SendingWindow(SendingWindow.fromStored(r.getString(6)), r.getObject(7,
                            LocalTime.class), r.getObject(8, LocalTime.class), r.getString(9), r.getBoolean(11));
                    zone = window.zone(tenantZone(r.getString(10)));
                }
            }
            Map<String, ZoneId> recipientZones = window.inRecipientZone() && !window.always()
                    ? recipientZones(c, schema, mails)
                    : Map.of();
            List<Claimed> inWindow = new ArrayList<>();
            for (Claimed mail : mails) {
                ZoneId mailZone = recipientZones.getOrDefault(mail.id(), zone);
                Optional<Instant> opens = SendingLimits.windowOpensAt(window, mailZone, now);
                if (opens.isPresent()) {
                    requeue(c, schema, mail, opens.get(), "held: outside the mailbox's sending window (it opens "
                            + opens.get().atZone(mailZone).toLocalDateTime() + " " + mailZone.getId()
                            + (recipientZones.containsKey(mail.id()) ? ", the recipient's time zone)" : ")"));
                } else {
                    inWindow.add(mail);
                }
            }
            if (inWindow.isEmpty()) {
                c.commit();
                return admitted;
            }
            mails = inWindow;
            String[] mine = mails.stream().map(Claimed::id).toArray(String[]::new);
            int lastDay;
            int lastHour;
            Instant dayFreesAt;
            Instant hourFreesAt;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE sent_at > now() - interval"
                    + " '24 hours' OR status = 'sending'), count(*) FILTER (WHERE sent_at > now() - interval '1 hour'"
                    + " OR status = 'sending'), min(sent_at) FILTER (WHERE sent_at > now() - interval '24 hours'),"
                    + " min(sent_at) FILTER (WHERE sent_at > now() - interval '1 hour') FROM " + schema
                    + ".mail_outbox WHERE mailbox_id = CAST(? AS uuid) AND (sent_at > now() - interval '24 hours'"
                    + " OR status = 'sending') AND NOT (CAST(id AS text) = ANY(?))")) {
                s.setString(1, mailboxId);
                s.setArray(2, c.createArrayOf("text", mine));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    lastDay = r.getInt(1);
                    lastHour = r.getInt(2);
                    dayFreesAt = plus(r.getObject(3, OffsetDateTime.class), Duration.ofHours(24));
                    hourFreesAt = plus(r.getObject(4, OffsetDateTime.class), Duration.ofHours(1));
                }
            }
            for (Claimed mail : mails) {
                Optional<Instant> hold = SendingLimits.holdUntil(limits, new SendingLimits.Usage(lastDay, lastHour,
                        dayFreesAt, hourFreesAt, nextSlot), now);
                if (hold.isPresent()) {
                    requeue(c, schema, mail, hold.get(), reason(limits, lastDay, lastHour));
                    continue;
                }
                admitted.add(mail);
                lastDay++;
                lastHour++;
                nextSlot = now.plus(limits.minGap());
                if (dayFreesAt == null) {
                    dayFreesAt = now.plus(Duration.ofHours(24));
                }
                if (hourFreesAt == null) {
                    hourFreesAt = now.plus(Duration.ofHours(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + schema
                    + ".mailbox SET next_slot_at = ? WHERE id = CAST(? AS uuid)")) {
                s.setObject(1, OffsetDateTime.ofInstant(nextSlot, ZoneOffset.UTC));
                s.setString(2, mailboxId);
                s.executeUpdate();
            }
            c.commit();
        }
        return admitted;
    }

    /** The time zones of the leads and contacts the e-mails go to, for those that have one. */
    private static Map<String, ZoneId> recipientZones(Connection c, String schema, List<Claimed> mails)
            throws SQLException {
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT CAST(o.id AS text), coalesce(l.time_zone, ct.time_zone)"
                + " FROM " + schema + ".mail_outbox o JOIN " + schema + ".activity a ON a.id = o.activity_id"
                + " LEFT JOIN " + schema + ".lead l ON l.id = a.lead_id LEFT JOIN " + schema
                + ".contact ct ON ct.id = a.contact_id WHERE o.id = ANY(CAST(? AS uuid[]))"
                + " AND coalesce(l.time_zone, ct.time_zone) IS NOT NULL")) {
            s.setArray(1, c.createArrayOf("text", mails.stream().map(Claimed::id).toArray(String[]::new)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    try {
                        zones.put(r.getString(1), ZoneId.of(r.getString(2)));
                    } catch (java.time.DateTimeException e) {
                        // a zone this JDK no longer knows: the mailbox's zone applies
                    }
                }
            }
        }
        return zones;
    }

    private static String reason(SendingLimits.Limits limits, int lastDay, int lastHour) {
        if (lastDay >= limits.dailyCap()) {
            return "held: the mailbox sent its " + limits.dailyCap() + " e-mails of the last 24 hours";
        }
        if (lastHour >= limits.hourlyCap()) {
            return "held: the mailbox sent its " + limits.hourlyCap() + " e-mails of the last hour";
        }
        return "held: " + limits.minGap().toSeconds() + " s between two e-mails of the mailbox";
    }

    private static void requeue(Connection c, String schema, Claimed mail, Instant until, String reason)
            throws SQLException {
        // not an attempt: the claim's count is taken back
        try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".mail_outbox SET status = 'queued',"
                + " attempts = greatest(attempts - 1, 0), claimed_at = NULL, next_attempt_at = ?, last_error = ?"
                + " WHERE id = CAST(? AS uuid)")) {
            s.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            s.setString(2, reason);
            s.setString(3, mail.id());
            s.executeUpdate();
        }
    }

    private static ZoneId tenantZone(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant plus(OffsetDateTime time, Duration duration) {
        return time == null ? null : time.toInstant().plus(duration);
    }
}
