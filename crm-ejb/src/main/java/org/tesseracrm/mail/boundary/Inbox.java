package org.tesseracrm.mail.boundary;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.entity.InboundMessage;
import org.tesseracrm.mail.entity.RecipientResponded;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import static org.tesseracrm.platform.entity.JsonValues.JSON;

/**
 * What a message read from a mailbox means for the CRM, in one transaction with the record that it was read (so a
 * restart, or a second poller, never ingests it twice: {@code inbound_email} is unique per mailbox, UIDVALIDITY and
 * UID). It is matched to the e-mail it answers by {@code In-Reply-To}/{@code References} (a bounce: the returned
 * original's Message-ID) — so a reply from another address of the same person matches too:
 * <ul>
 * <li>a reply becomes an inbound EMAIL activity on the lead's or contact's timeline (the lead moves to
 * {@code replied}, its last contact to now), and the sent e-mail says {@code replied} with the reply's text;</li>
 * <li>an automatic answer (out of office) is noted on the sent e-mail, and changes nothing else;</li>
 * <li>a hard bounce marks the e-mail {@code bounced} and puts the address on the suppression list; a soft one is
 * noted.</li>
 * </ul>
 */
@ApplicationScoped
@Transactional
public class Inbox {

    /** Who the mailbox poller acts as: it writes what the mailbox says, on any record of the tenant. */
    static final Caller POLLER = new Caller("mail-inbox", Set.of(Caller.CRM_ADMIN));
    private static final int REPLY_EXCERPT = 500;

    /** What became of a message. */
    public enum Outcome {
        REPLY, AUTO_REPLY, HARD_BOUNCE, SOFT_BOUNCE, UNMATCHED, ALREADY_READ
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Engagements engagements;

    @Inject
    EmailEngagement engagement;

    @Inject
    jakarta.enterprise.event.Event<RecipientResponded> responded;

    private record Sent(UUID outboxId, UUID activityId, UUID leadId, UUID contactId, boolean replied) {

        Subject record() {
            return leadId != null
                    ? new Subject(Subject.Kind.LEAD, leadId)
                    : new Subject(Subject.Kind.CONTACT,
                            contactId);
        }
    }

    /**
     * Records a message that could not be ingested (its effects refused, say a subject the activity rules reject) as
     * read and unmatched, so that one bad message never blocks the mailbox.
     */
    public Outcome skip(UUID mailboxId, InboundMessage message) {
        InboundMessage unmatched = new InboundMessage(message.uidValidity(), message.uid(), message.messageId(),
                java.util.List.of(), message.from(), message.subject(), message.sentAt(),
                InboundMessage.Kind.REPLY, null, null);
        return ingest(mailboxId, unmatched);
    }

    public Outcome ingest(UUID mailboxId, InboundMessage message) {
        UUID id = UUID.randomUUID();
        int fresh = em().createNativeQuery("INSERT INTO inbound_email (id, mailbox_id, uid_validity, uid, message_id,"
                + " kind, from_address, subject) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4, ?5, ?6, ?7, ?8)"
                + " ON CONFLICT (mailbox_id, uid_validity, uid) DO NOTHING").setParameter(1, id.toString())
                .setParameter(2, mailboxId.toString()).setParameter(3, message.uidValidity())
                .setParameter(4, message.uid()).setParameter(5, limit(message.messageId(), 1000))
                .setParameter(6, message.kind().name().toLowerCase().replace('_', '-'))
                .setParameter(7, limit(message.from(), 1000)).setParameter(8, limit(message.subject(), 1000))
                .executeUpdate();
        em().createNativeQuery("UPDATE mailbox SET imap_uid_validity = ?2, imap_last_uid = greatest(CASE WHEN"
                + " imap_uid_validity = ?2 THEN imap_last_uid ELSE 0 END, ?3) WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, mailboxId.toString()).setParameter(2, message.uidValidity())
                .setParameter(3, message.uid()).executeUpdate();
        if (fresh == 0) {
            return Outcome.ALREADY_READ;
        }
        Sent sent = match(message.refersTo());
        if (sent == null) {
            note(id, "unmatched", null, null);
            return Outcome.UNMATCHED;
        }
        return switch (message.kind()) {
            case REPLY -> reply(id, message, sent);
            case AUTO_REPLY -> {
                em().createNativeQuery("UPDATE mail_outbox SET auto_replied_at = coalesce(auto_replied_at, now())"
                        + " WHERE id = CAST(?1 AS uuid)").setParameter(1, sent.outboxId().toString()).executeUpdate();
                metadata(sent.activityId(), "jsonb_build_object('autoReplyAt', now())");
                note(id, "auto-reply", sent.outboxId(), null);
                responded.fire(new RecipientResponded(sent.record(), RecipientResponded.Response.AUTO_REPLIED));
                yield Outcome.AUTO_REPLY;
            }
            case BOUNCE -> bounce(id, message, sent);
        };
    }

    private Outcome reply(UUID inboundId, InboundMessage message, Sent sent) {
        Subject recordOf = sent.record();
        String subject = message.subject() == null || message.subject().isBlank()
                ? "(no subject)"
                : limit(message.subject().replaceAll("\\p{Cntrl}", " ").strip(), 500);
        var details = JSON.createObjectBuilder().add("direction", "inbound").add("inReplyTo",
                sent.outboxId().toString());
        if (message.from() != null) {
            details.add("from", message.from());
        }
        if (message.messageId() != null) {
            details.add("messageId", limit(message.messageId(), 1000));
        }
        String text = message.text() == null || message.text().isBlank() ? null : message.text();
        Activity activity = engagements.log(recordOf, new ActivityDetails(ActivityType.EMAIL, subject, text, null,
                null, null, null, null, null, null, Timestamps.now(), details.build()), null, true, POLLER);
        em().flush();
        em().createNativeQuery("UPDATE mail_outbox SET replied_at = coalesce(replied_at, now()) WHERE id ="
                + " CAST(?1 AS uuid)").setParameter(1, sent.outboxId().toString()).executeUpdate();
        String excerpt = text == null ? "" : limit(text, REPLY_EXCERPT);
        em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('emailState', CASE"
                + " WHEN metadata->>'emailState' = 'bounced' THEN 'bounced' ELSE 'replied' END, 'repliedAt',"
                + " coalesce(metadata->'repliedAt', to_jsonb(now())), 'replyText', CAST(?2 AS text), 'replyActivityId',"
                + " CAST(?3 AS text)), updated_at = now(), version = version + 1 WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, sent.activityId().toString()).setParameter(2, excerpt)
                .setParameter(3, activity.id().toString()).executeUpdate();
        if (!sent.replied() && sent.leadId() != null) {
            em().createNativeQuery("UPDATE lead SET emails_replied = emails_replied + 1 WHERE id = CAST(?1 AS uuid)")
                    .setParameter(1, sent.leadId().toString()).executeUpdate();
        }
        note(inboundId, "reply", sent.outboxId(), activity.id());
        responded.fire(new RecipientResponded(recordOf, RecipientResponded.Response.REPLIED));
        return Outcome.REPLY;
    }

    private Outcome bounce(UUID inboundId, InboundMessage message, Sent sent) {
        note(inboundId, "bounce", sent.outboxId(), null);
        engagement.bounced(sent.outboxId(), message.bounce(), EmailEngagement.Report.provider(POLLER.username(),
                null, Timestamps.now(), Optional.empty()), "bounce");
        return message.bounce().hard() ? Outcome.HARD_BOUNCE : Outcome.SOFT_BOUNCE;
    }

    /** The sent e-mail the message refers to (the latest, if it names several). */
    private Sent match(List<String> refersTo) {
        if (refersTo.isEmpty()) {
            return null;
        }
        List<?> rows = em().createNativeQuery("SELECT CAST(o.id AS text), CAST(o.activity_id AS text),"
                + " CAST(a.lead_id AS text), CAST(a.contact_id AS text), o.replied_at IS NOT NULL FROM mail_outbox o"
                + " JOIN activity a ON"
                + " a.id = o.activity_id WHERE o.message_id = ANY(string_to_array(?1, chr(1)))"
                + " AND (a.lead_id IS NOT NULL OR a.contact_id IS NOT NULL) ORDER BY o.created_at DESC LIMIT 1")
                .setParameter(1, String.join("\u0001", refersTo)).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Sent(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]), uuid(r[2]), uuid(r[3]),
                (Boolean) r[4]);
    }

    private void metadata(UUID activityId, String addition) {
        em().createNativeQuery("UPDATE activity SET metadata = metadata || " + addition + ", updated_at = now(),"
                + " version = version + 1 WHERE id = CAST(?1 AS uuid)").setParameter(1, activityId.toString())
                .executeUpdate();
    }

    private void note(UUID inboundId, String kind, UUID outboxId, UUID activityId) {
        em().createNativeQuery("UPDATE inbound_email SET kind = ?2, outbox_id = CAST(?3 AS uuid), activity_id ="
                + " CAST(?4 AS uuid) WHERE id = CAST(?1 AS uuid)").setParameter(1, inboundId.toString())
                .setParameter(2, kind).setParameter(3, outboxId == null ? null : outboxId.toString())
                .setParameter(4, activityId == null ? null : activityId.toString()).executeUpdate();
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString((String) value);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
