package org.tesseracrm.mail.boundary;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.mail.control.MachineEngagement;
import org.tesseracrm.mail.control.MachineEngagement.Client;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.entity.EmailEvent;
import org.tesseracrm.mail.entity.RecipientResponded;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What recipients do with an e-mail, reported by its tracking links: opens, clicks and unsubscribes. Each is recorded
 * as an {@link EmailEvent}; a person's (not a machine's, see {@link MachineEngagement}) also moves the counters on the
 * outbox row, the EMAIL activity's metadata ({@code emailState}, {@code openCount}, {@code firstOpenedAt},
 * {@code lastOpenedAt}, {@code clickCount}, {@code clickedLinks}) and the lead's {@code emailsOpened} and
 * {@code emailsClicked} (one per e-mail, at its first open or click). A click counts as an open when no open was seen
 * (the recipient's client blocked images). The outbox row is locked while this happens, so simultaneous opens count
 * right.
 */
@ApplicationScoped
@Transactional
public class EmailEngagement {

    /** The states an e-mail goes through after it was sent, in order; a later one is never replaced by an earlier. */
    private static final List<String> PROGRESS = List.of("queued", "sending", "sent", "delivered", "opened",
            "clicked", "replied");

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Suppressions suppressions;

    @Inject
    jakarta.enterprise.event.Event<RecipientResponded> responded;

    @Inject
    @ConfigProperty(name = "crm.mail.machine-window", defaultValue = "PT10S")
    Duration machineWindow;

    private record Row(UUID activityId, OffsetDateTime sentAt, int opens, int clicks, String emailState,
            List<String> to, OffsetDateTime unsubscribedAt) {
    }

    /** The open pixel was fetched. */
    public void opened(UUID outboxId, Client client) {
        Row row = lock(outboxId);
        OffsetDateTime now = Timestamps.now();
        Optional<String> machine = MachineEngagement.reason(client, row.sentAt(), now, machineWindow);
        record(outboxId, "open", machine, null, client);
        if (machine.isPresent()) {
            em().createNativeQuery("UPDATE mail_outbox SET machine_open_count = machine_open_count + 1 WHERE id ="
                    + " CAST(?1 AS uuid)").setParameter(1, outboxId.toString()).executeUpdate();
            return;
        }
        countOpen(outboxId, row);
    }

    /** A tracked link was followed; the caller redirects to {@code url} whatever is decided here. */
    public void clicked(UUID outboxId, String url, Client client) {
        Row row = lock(outboxId);
        OffsetDateTime now = Timestamps.now();
        Optional<String> machine = MachineEngagement.reason(client, row.sentAt(), now, machineWindow);
        record(outboxId, "click", machine, url, client);
        if (machine.isPresent()) {
            return;
        }
        if (row.opens() == 0) {
            countOpen(outboxId, row);
        }
        em().createNativeQuery("UPDATE mail_outbox SET click_count = click_count + 1, first_clicked_at ="
                + " coalesce(first_clicked_at, now()) WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, outboxId.toString()).executeUpdate();
        em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('emailState', ?2,"
                + " 'clickCount', ?3, 'clickedLinks', (SELECT jsonb_agg(DISTINCT url) FROM email_event WHERE"
                + " outbox_id = CAST(?4 AS uuid) AND kind = 'click' AND machine_reason IS NULL)), updated_at = now(),"
                + " version = version + 1 WHERE id = CAST(?1 AS uuid)").setParameter(1, row.activityId().toString())
                .setParameter(2, later(row.emailState(), "clicked")).setParameter(3, row.clicks() + 1)
                .setParameter(4, outboxId.toString()).executeUpdate();
        if (row.clicks() == 0) {
            em().createNativeQuery("UPDATE lead SET emails_clicked = emails_clicked + 1 WHERE id = (SELECT lead_id"
                    + " FROM activity WHERE id = CAST(?1 AS uuid))").setParameter(1, row.activityId().toString())
                    .executeUpdate();
        }
    }

    /** Who an unsubscribe link is for (its page shows the addresses) and whether it was used already. */
    public record Recipient(List<String> addresses, boolean unsubscribed) {
    }

    public Recipient recipient(UUID outboxId) {
        Row row = find(outboxId, false);
        return new Recipient(row.to(), row.unsubscribedAt() != null);
    }

    /**
     * The recipient asked to hear no more (the unsubscribe page, or RFC 8058 one-click from their mail client): every
     * {@code to} address of the e-mail joins the suppression list. Doing it again changes nothing.
     */
    public void unsubscribe(UUID outboxId, Client client) {
        Row row = lock(outboxId);
        if (row.unsubscribedAt() != null) {
            return;
        }
        record(outboxId, "unsubscribe", Optional.empty(), null, client);
        em().createNativeQuery("UPDATE mail_outbox SET unsubscribed_at = now() WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, outboxId.toString()).executeUpdate();
        em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('unsubscribedAt',"
                + " now()), updated_at = now(), version = version + 1 WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, row.activityId().toString()).executeUpdate();
        for (String address : row.to()) {
            suppressions.suppress(address, Suppressions.Reason.UNSUBSCRIBE, outboxId, "recipient");
        }
        List<?> records = em().createNativeQuery("SELECT CAST(lead_id AS text), CAST(contact_id AS text) FROM"
                + " activity WHERE id = CAST(?1 AS uuid)").setParameter(1, row.activityId().toString())
                .getResultList();
        if (!records.isEmpty()) {
            Object[] r = (Object[]) records.get(0);
            if (r[0] != null || r[1] != null) {
                responded.fire(new RecipientResponded(r[0] != null
                        ? new Subject(Subject.Kind.LEAD, UUID.fromString((String) r[0]))
                        : new Subject(Subject.Kind.CONTACT, UUID.fromString((String) r[1])),
                        RecipientResponded.Response.UNSUBSCRIBED));
            }
        }
    }

    /** Every open, click and unsubscribe of an e-mail, oldest first. */
    public List<EmailEvent> events(UUID outboxId) {
        find(outboxId, false);
        List<EmailEvent> events = new ArrayList<>();
        for (Object value : em().createNativeQuery("SELECT kind, occurred_at, machine_reason, url, user_agent FROM"
                + " email_event WHERE outbox_id = CAST(?1 AS uuid) ORDER BY id LIMIT 1000")
                .setParameter(1, outboxId.toString()).getResultList()) {
            Object[] r = (Object[]) value;
            events.add(new EmailEvent((String) r[0], instant(r[1]), (String) r[2], (String) r[3], (String) r[4]));
        }
        return events;
    }

    private void countOpen(UUID outboxId, Row row) {
        em().createNativeQuery("UPDATE mail_outbox SET open_count = open_count + 1,"
                + " first_opened_at = coalesce(first_opened_at, now()), last_opened_at = now()"
                + " WHERE id = CAST(?1 AS uuid)").setParameter(1, outboxId.toString()).executeUpdate();
        em().createNativeQuery("UPDATE activity a SET metadata = a.metadata || jsonb_build_object('emailState', ?2,"
                + " 'openCount', o.open_count, 'firstOpenedAt', o.first_opened_at, 'lastOpenedAt', o.last_opened_at),"
                + " updated_at = now(), version = a.version + 1 FROM mail_outbox o WHERE o.id = CAST(?3 AS uuid)"
                + " AND a.id = CAST(?1 AS uuid)").setParameter(1, row.activityId().toString())
                .setParameter(2, later(row.emailState(), "opened")).setParameter(3, outboxId.toString())
                .executeUpdate();
        if (row.opens() == 0) {
            em().createNativeQuery("UPDATE lead SET emails_opened = emails_opened + 1 WHERE id = (SELECT lead_id"
                    + " FROM activity WHERE id = CAST(?1 AS uuid))").setParameter(1, row.activityId().toString())
                    .executeUpdate();
        }
    }

    private void record(UUID outboxId, String kind, Optional<String> machine, String url, Client client) {
        String agent = client.userAgent() == null
                ? null
                : client.userAgent().length() > 500 ? client.userAgent().substring(0, 500) : client.userAgent();
        em().createNativeQuery("INSERT INTO email_event (outbox_id, kind, machine_reason, url, user_agent) VALUES"
                + " (CAST(?1 AS uuid), ?2, ?3, ?4, ?5)").setParameter(1, outboxId.toString()).setParameter(2, kind)
                .setParameter(3, machine.orElse(null)).setParameter(4, url).setParameter(5, printable(agent))
                .executeUpdate();
    }

    private Row lock(UUID outboxId) {
        return find(outboxId, true);
    }

    private Row find(UUID outboxId, boolean lock) {
        List<?> rows = em().createNativeQuery("SELECT CAST(o.activity_id AS text), o.sent_at, o.open_count,"
                + " o.click_count, a.metadata->>'emailState', CAST(o.to_addresses AS text), o.unsubscribed_at"
                + " FROM mail_outbox o JOIN activity a ON a.id = o.activity_id WHERE o.id = CAST(?1 AS uuid)"
                + (lock ? " FOR UPDATE OF o" : "")).setParameter(1, outboxId.toString()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("outgoing-email " + outboxId);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Row(UUID.fromString((String) r[0]), instant(r[1]), ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(), (String) r[4], Outbox.strings((String) r[5]), instant(r[6]));
    }

    private static String later(String current, String next) {
        if ("bounced".equals(current)) {
            return current; // an open of a bounced e-mail (a cached image) does not undo the bounce
        }
        int at = PROGRESS.indexOf(current);
        return at > PROGRESS.indexOf(next) ? current : next;
    }

    /** User agents are the client's words: control characters are dropped before they are stored. */
    private static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "");
    }

    static OffsetDateTime instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
