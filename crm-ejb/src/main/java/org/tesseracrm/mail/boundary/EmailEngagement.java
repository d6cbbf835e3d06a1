package org.tesseracrm.mail.boundary;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.mail.control.MachineEngagement;
import org.tesseracrm.mail.control.MachineEngagement.Client;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.entity.EmailEvent;
import org.tesseracrm.mail.entity.InboundMessage;
import org.tesseracrm.mail.entity.RecipientResponded;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import static org.tesseracrm.platform.entity.JsonValues.JSON;

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
    LeadScoring scoring;

    @Inject
    jakarta.enterprise.event.Event<RecipientResponded> responded;

    @Inject
    @ConfigProperty(name = "crm.mail.machine-window", defaultValue = "PT10S")
    Duration machineWindow;

    /** What the bounce and unsubscribe paths read of an e-mail. */
    private record Row(UUID activityId, List<String> to, OffsetDateTime unsubscribedAt, OffsetDateTime bouncedAt) {
    }

    /**
     * Who tells of an event: our tracking links (now, judged here) or a mail provider (its event id, applied once; its
     * time; its own verdict on machine opens). {@code by} is who a suppression is recorded for.
     */
    public record Report(String by, String providerEventId, OffsetDateTime at, Optional<String> machineReason) {

        public static Report tracked() {
            return new Report("recipient", null, Timestamps.now(), Optional.empty());
        }

        public static Report provider(String provider, String eventId, OffsetDateTime at,
                Optional<String> machineReason) {
            return new Report(provider, eventId, at, machineReason);
        }
    }

    /** One open, click, delivery or noted provider event (processed, deferred) of an e-mail. */
    public record Engagement(UUID outboxId, String kind, Client client, String url, Report report) {
    }

    /** What {@link #engage} did: new events applied, provider events seen before, events of no e-mail of ours. */
    public record Counts(int applied, int duplicates, int unknown) {
    }

    /** The open pixel was fetched. */
    public void opened(UUID outboxId, Client client) {
        engage(List.of(new Engagement(outboxId, "open", client, null, Report.tracked())));
    }

    /** A tracked link was followed; the caller redirects to {@code url} whatever is decided here. */
    public void clicked(UUID outboxId, String url, Client client) {
        engage(List.of(new Engagement(outboxId, "click", client, url, Report.tracked())));
    }

    /** What one batch changes on one e-mail. */
    private static final class Delta {
        int opens;
        int machineOpens;
        int clicks;
        OffsetDateTime firstOpen;
        OffsetDateTime lastOpen;
        OffsetDateTime firstClick;
        OffsetDateTime delivered;
        final java.util.Set<String> urls = new java.util.LinkedHashSet<>();
    }

    private record Locked(UUID activityId, UUID leadId, OffsetDateTime sentAt, int opens, int clicks,
            String emailState) {
    }

    /**
     * Applies engagements set-based, whatever their number: the e-mails' rows are locked once (in id order, so two
     * batches never deadlock), every event is written in one statement (a provider's event id once: a repeated one
     * adds nothing), and the counters of e-mails, activities and leads move in one statement each. A person's open or
     * click counts; a machine's (see {@link MachineEngagement}, or the provider's own verdict) is recorded and counted
     * apart. A click counts as an open when no open was ever seen (the recipient's client blocked images).
     */
    public Counts engage(List<Engagement> engagements) {
        Map<UUID, Locked> rows = lockAll(engagements.stream().map(Engagement::outboxId).distinct().toList());
        List<Engagement> known = new ArrayList<>();
        java.util.Set<String> seenIds = new java.util.HashSet<>();
        int duplicates = 0;
        for (Engagement engagement : engagements) {
            if (!rows.containsKey(engagement.outboxId())) {
                continue;
            }
            String eventId = engagement.report().providerEventId();
            if (eventId != null && !seenIds.add(eventId)) {
                duplicates++; // repeated within the batch
                continue;
            }
            known.add(engagement);
        }
        int unknown = engagements.size() - known.size() - duplicates;
        var events = JSON.createArrayBuilder();
        List<Optional<String>> verdicts = new ArrayList<>();
        for (Engagement e : known) {
            Optional<String> machine = e.kind().equals("open") || e.kind().equals("click")
                    ? machine(e.client(), rows.get(e.outboxId()).sentAt(), e.report())
                    : Optional.empty();
            verdicts.add(machine);
            var event = JSON.createObjectBuilder().add("n", verdicts.size()).add("outbox_id", e.outboxId()
                    .toString()).add("kind", e.kind()).add("occurred_at", e.report().at().toString());
            machine.ifPresent(reason -> event.add("machine_reason", reason));
            if (e.url() != null) {
                event.add("url", limit(e.url(), 2000));
            }
            if (e.client().userAgent() != null) {
                event.add("user_agent", printable(limit(e.client().userAgent(), 500)));
            }
            if (e.report().providerEventId() != null) {
                event.add("provider_event_id", e.report().providerEventId());
            }
            events.add(event);
        }
        if (known.isEmpty()) {
            return new Counts(0, duplicates, unknown);
        }
        java.util.Set<Object> fresh = new java.util.HashSet<>(em().createNativeQuery("INSERT INTO email_event"
                + " (outbox_id, kind, machine_reason, url, user_agent, occurred_at, provider_event_id) SELECT"
                + " e.outbox_id, e.kind, e.machine_reason, e.url, e.user_agent, e.occurred_at, e.provider_event_id"
                + " FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS e(n int, outbox_id uuid, kind text, machine_reason"
                + " text, url text, user_agent text, occurred_at timestamptz, provider_event_id text) ORDER BY e.n"
                + " ON CONFLICT (provider_event_id) WHERE provider_event_id IS NOT NULL DO NOTHING"
                + " RETURNING coalesce(provider_event_id, '')").setParameter(1, events.build().toString())
                .getResultList());
        Map<UUID, Delta> deltas = new java.util.LinkedHashMap<>();
        int applied = 0;
        for (int n = 0; n < known.size(); n++) {
            Engagement e = known.get(n);
            String eventId = e.report().providerEventId();
            if (eventId != null && !fresh.contains(eventId)) {
                duplicates++;
                continue;
            }
            applied++;
            Delta delta = deltas.computeIfAbsent(e.outboxId(), id -> new Delta());
            OffsetDateTime at = e.report().at();
            boolean machine = verdicts.get(n).isPresent();
            switch (e.kind()) {
                case "open" -> {
                    if (machine) {
                        delta.machineOpens++;
                    } else {
                        delta.opens++;
                        delta.firstOpen = earlier(delta.firstOpen, at);
                        delta.lastOpen = delta.lastOpen == null || at.isAfter(delta.lastOpen) ? at : delta.lastOpen;
                    }
                }
                case "click" -> {
                    if (!machine) {
                        delta.clicks++;
                        delta.firstClick = earlier(delta.firstClick, at);
                        delta.urls.add(limit(e.url(), 2000));
                    }
                }
                case "delivered" -> delta.delivered = earlier(delta.delivered, at);
                default -> {
                    // processed, deferred: history only
                }
            }
        }
        apply(rows, deltas);
        return new Counts(applied, duplicates, unknown);
    }

    private void apply(Map<UUID, Locked> rows, Map<UUID, Delta> deltas) {
        var outboxes = JSON.createArrayBuilder();
        var activities = JSON.createArrayBuilder();
        Map<UUID, int[]> leads = new java.util.HashMap<>();
        for (Map.Entry<UUID, Delta> entry : deltas.entrySet()) {
            Locked row = rows.get(entry.getKey());
            Delta d = entry.getValue();
            if (d.clicks > 0 && row.opens() == 0 && d.opens == 0) {
                d.opens = 1; // the click's open
                d.firstOpen = d.firstClick;
                d.lastOpen = d.firstClick;
            }
            var outbox = JSON.createObjectBuilder().add("id", entry.getKey().toString()).add("opens", d.opens)
                    .add("machine_opens", d.machineOpens).add("clicks", d.clicks);
            addTime(outbox, "first_open", d.firstOpen);
            addTime(outbox, "last_open", d.lastOpen);
            addTime(outbox, "first_click", d.firstClick);
            addTime(outbox, "delivered", d.delivered);
            outboxes.add(outbox);
            String reached = d.clicks > 0
                    ? "clicked"
                    : d.opens > 0 ? "opened" : d.delivered != null ? "delivered" : null;
            if (reached != null) {
                var urls = JSON.createArrayBuilder();
                d.urls.forEach(urls::add);
                activities.add(JSON.createObjectBuilder().add("id", entry.getKey().toString()).add("state",
                        later(row.emailState(), reached)).add("opened", d.opens > 0).add("clicked", d.clicks > 0)
                        .add("delivered", d.delivered != null).add("urls", urls));
            }
            if (row.leadId() != null && (row.opens() == 0 && d.opens > 0 || row.clicks() == 0 && d.clicks > 0)) {
                int[] counts = leads.computeIfAbsent(row.leadId(), id -> new int[2]);
                counts[0] += row.opens() == 0 && d.opens > 0 ? 1 : 0;
                counts[1] += row.clicks() == 0 && d.clicks > 0 ? 1 : 0;
            }
        }
        em().createNativeQuery("UPDATE mail_outbox o SET open_count = o.open_count + d.opens, machine_open_count ="
                + " o.machine_open_count + d.machine_opens, first_opened_at = coalesce(o.first_opened_at,"
                + " d.first_open), last_opened_at = greatest(o.last_opened_at, d.last_open), click_count ="
                + " o.click_count + d.clicks, first_clicked_at = coalesce(o.first_clicked_at, d.first_click),"
                + " delivered_at = coalesce(o.delivered_at, d.delivered) FROM jsonb_to_recordset(CAST(?1 AS jsonb))"
                + " AS d(id uuid, opens int, machine_opens int, clicks int, first_open timestamptz, last_open"
                + " timestamptz, first_click timestamptz, delivered timestamptz) WHERE o.id = d.id")
                .setParameter(1, outboxes.build().toString()).executeUpdate();
        String changed = activities.build().toString();
        if (!"[]".equals(changed)) {
            // the activity's metadata shows the e-mail's counters as they now stand on its outbox row
            em().createNativeQuery(
                    "UPDATE activity a SET metadata = a.metadata || jsonb_strip_nulls(jsonb_build_object("
                            + "'emailState', d.state, 'openCount', CASE WHEN d.opened THEN o.open_count END, 'firstOpenedAt',"
                            + " CASE WHEN d.opened THEN o.first_opened_at END, 'lastOpenedAt', CASE WHEN d.opened THEN"
                            + " o.last_opened_at END, 'clickCount', CASE WHEN d.clicked THEN o.click_count END, 'deliveredAt',"
                            + " CASE WHEN d.delivered THEN o.delivered_at END, 'clickedLinks', CASE WHEN d.clicked THEN"
                            + " (SELECT jsonb_agg(DISTINCT u) FROM (SELECT jsonb_array_elements_text(coalesce("
                            + "a.metadata->'clickedLinks', '[]')) UNION SELECT jsonb_array_elements_text(d.urls)) x(u)) END)),"
                            + " updated_at = now(), version = a.version + 1 FROM mail_outbox o, jsonb_to_recordset(CAST(?1"
                            + " AS jsonb)) AS d(id uuid, state text, opened boolean, clicked boolean, delivered boolean, urls"
                            + " jsonb) WHERE o.id = d.id AND a.id = o.activity_id")
                    .setParameter(1, changed).executeUpdate();
        }
        if (!leads.isEmpty()) {
            var counts = JSON.createArrayBuilder();
            leads.forEach((id, c) -> counts.add(JSON.createObjectBuilder().add("id", id.toString()).add("opened",
                    c[0]).add("clicked", c[1])));
            em().createNativeQuery("UPDATE lead l SET emails_opened = l.emails_opened + d.opened, emails_clicked ="
                    + " l.emails_clicked + d.clicked FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS d(id uuid, opened"
                    + " int, clicked int) WHERE l.id = d.id").setParameter(1, counts.build().toString())
                    .executeUpdate();
            scoring.rescore(leads.keySet(), LeadScoring.ENGAGEMENT);
        }
    }

    /** The e-mails' rows, locked in id order; an id of no e-mail of this tenant is absent. */
    private Map<UUID, Locked> lockAll(List<UUID> outboxIds) {
        Map<UUID, Locked> rows = new java.util.HashMap<>();
        if (outboxIds.isEmpty()) {
            return rows;
        }
        String ids = outboxIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{",
                "}"));
        for (Object value : em().createNativeQuery("SELECT CAST(o.id AS text), CAST(o.activity_id AS text),"
                + " CAST(a.lead_id AS text), o.sent_at, o.open_count, o.click_count, a.metadata->>'emailState'"
                + " FROM mail_outbox o JOIN activity a ON a.id = o.activity_id WHERE o.id = ANY(CAST(?1 AS uuid[]))"
                + " ORDER BY o.id FOR UPDATE OF o").setParameter(1, ids).getResultList()) {
            Object[] r = (Object[]) value;
            rows.put(UUID.fromString((String) r[0]), new Locked(UUID.fromString((String) r[1]), r[2] == null
                    ? null
                    : UUID.fromString((String) r[2]), Timestamps.fromColumn(r[3]), ((Number) r[4]).intValue(),
                    ((Number) r[5]).intValue(), (String) r[6]));
        }
        return rows;
    }

    private static OffsetDateTime earlier(OffsetDateTime current, OffsetDateTime at) {
        return current == null || at.isBefore(current) ? at : current;
    }

    private static void addTime(jakarta.json.JsonObjectBuilder object, String name, OffsetDateTime at) {
        if (at != null) {
            object.add(name, at.toString());
        }
    }

    /**
     * The e-mail bounced (a delivery status notification in the mailbox, or a provider's bounce or drop). A hard
     * bounce marks it {@code bounced}, puts the recipient on the suppression list, counts on the lead and ends the
     * recipient's sequences; a soft one is only noted. False when the provider reported this event before.
     */
    public boolean bounced(UUID outboxId, InboundMessage.Bounce bounce, Report report, String kind) {
        Row row = lock(outboxId);
        if (report.providerEventId() != null
                && !record(outboxId, kind, Optional.empty(), null, NO_CLIENT, report)) {
            return false;
        }
        String status = bounce.status() == null ? "" : limit(bounce.status(), 20);
        if (!bounce.hard()) {
            em().createNativeQuery("UPDATE mail_outbox SET bounce_type = coalesce(bounce_type, 'soft') WHERE id ="
                    + " CAST(?1 AS uuid)").setParameter(1, outboxId.toString()).executeUpdate();
            em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('softBounceStatus',"
                    + " CAST(?2 AS text)), updated_at = now(), version = version + 1 WHERE id = CAST(?1 AS uuid)")
                    .setParameter(1, row.activityId().toString()).setParameter(2, status).executeUpdate();
            return true;
        }
        em().createNativeQuery("UPDATE mail_outbox SET bounced_at = coalesce(bounced_at, CAST(?2 AS timestamptz)),"
                + " bounce_type = 'hard' WHERE id = CAST(?1 AS uuid)").setParameter(1, outboxId.toString())
                .setParameter(2, report.at().toString()).executeUpdate();
        em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('emailState',"
                + " 'bounced', 'bouncedAt', CAST(?4 AS timestamptz), 'bounceStatus', CAST(?2 AS text),"
                + " 'bounceDiagnostic', CAST(?3 AS text)), updated_at = now(), version = version + 1 WHERE id ="
                + " CAST(?1 AS uuid)").setParameter(1, row.activityId().toString()).setParameter(2, status)
                .setParameter(3, bounce.diagnostic() == null ? "" : limit(bounce.diagnostic(), 2000))
                .setParameter(4, report.at().toString()).executeUpdate();
        List<String> to = row.to().stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toList();
        String named = bounce.recipient() == null ? null : bounce.recipient().toLowerCase(java.util.Locale.ROOT);
        suppressions.suppress(to.contains(named) ? named : to.get(0), Suppressions.Reason.HARD_BOUNCE, outboxId,
                report.by());
        Optional<Subject> recipient = recipientOf(row.activityId());
        if (row.bouncedAt() == null && recipient.isPresent() && recipient.get().kind() == Subject.Kind.LEAD) {
            em().createNativeQuery("UPDATE lead SET emails_bounced = emails_bounced + 1 WHERE id = CAST(?1 AS uuid)")
                    .setParameter(1, recipient.get().id().toString()).executeUpdate();
        }
        recipient.ifPresent(r -> responded.fire(new RecipientResponded(r, RecipientResponded.Response.BOUNCED)));
        return true;
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
        unsubscribe(outboxId, client, Report.tracked(), Suppressions.Reason.UNSUBSCRIBE);
    }

    /** An unsubscribe or spam report; false when the provider reported this event before. */
    public boolean unsubscribe(UUID outboxId, Client client, Report report, Suppressions.Reason reason) {
        Row row = lock(outboxId);
        if (row.unsubscribedAt() != null && report.providerEventId() == null) {
            return false;
        }
        if (!record(outboxId, "spam-report".equals(reason.value()) ? "spamreport" : "unsubscribe", Optional.empty(),
                null, client, report)) {
            return false;
        }
        if (row.unsubscribedAt() != null) {
            return true;
        }
        em().createNativeQuery("UPDATE mail_outbox SET unsubscribed_at = CAST(?2 AS timestamptz) WHERE id ="
                + " CAST(?1 AS uuid)").setParameter(1, outboxId.toString()).setParameter(2, report.at().toString())
                .executeUpdate();
        em().createNativeQuery("UPDATE activity SET metadata = metadata || jsonb_build_object('unsubscribedAt',"
                + " CAST(?2 AS timestamptz)), updated_at = now(), version = version + 1 WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, row.activityId().toString()).setParameter(2, report.at().toString())
                .executeUpdate();
        for (String address : row.to()) {
            suppressions.suppress(address, reason, outboxId, report.by());
        }
        recipientOf(row.activityId()).ifPresent(r -> responded.fire(new RecipientResponded(r,
                RecipientResponded.Response.UNSUBSCRIBED)));
        return true;
    }

    /** The lead or contact the e-mail's activity is on. */
    private Optional<Subject> recipientOf(UUID activityId) {
        List<?> records = em().createNativeQuery("SELECT CAST(lead_id AS text), CAST(contact_id AS text) FROM"
                + " activity WHERE id = CAST(?1 AS uuid)").setParameter(1, activityId.toString()).getResultList();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) records.get(0);
        return r[0] != null
                ? Optional.of(new Subject(Subject.Kind.LEAD, UUID.fromString((String) r[0])))
                : r[1] != null
                        ? Optional.of(new Subject(Subject.Kind.CONTACT, UUID.fromString((String) r[1])))
                        : Optional.empty();
    }

    /** Every open, click and unsubscribe of an e-mail, oldest first. */
    public List<EmailEvent> events(UUID outboxId) {
        find(outboxId, false);
        List<EmailEvent> events = new ArrayList<>();
        for (Object value : em().createNativeQuery("SELECT kind, occurred_at, machine_reason, url, user_agent FROM"
                + " email_event WHERE outbox_id = CAST(?1 AS uuid) ORDER BY id LIMIT 1000")
                .setParameter(1, outboxId.toString()).getResultList()) {
            Object[] r = (Object[]) value;
            events.add(new EmailEvent((String) r[0], Timestamps.fromColumn(r[1]), (String) r[2], (String) r[3],
                    (String) r[4]));
        }
        return events;
    }

    private static final Client NO_CLIENT = new Client(null, null, false);

    /** Machine or person: the provider's verdict if it gave one, else ours at the event's time. */
    private Optional<String> machine(Client client, OffsetDateTime sentAt, Report report) {
        return report.machineReason().or(() -> MachineEngagement.reason(client, sentAt, report.at(),
                machineWindow));
    }

    /** Writes the event; false when the provider's event id was applied before. */
    private boolean record(UUID outboxId, String kind, Optional<String> machine, String url, Client client,
            Report report) {
        String agent = client.userAgent() == null ? null : limit(client.userAgent(), 500);
        return em().createNativeQuery("INSERT INTO email_event (outbox_id, kind, machine_reason, url, user_agent,"
                + " occurred_at, provider_event_id) VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5, CAST(?6 AS timestamptz),"
                + " ?7) ON CONFLICT (provider_event_id) WHERE provider_event_id IS NOT NULL DO NOTHING")
                .setParameter(1, outboxId.toString()).setParameter(2, kind).setParameter(3, machine.orElse(null))
                .setParameter(4, url).setParameter(5, printable(agent)).setParameter(6, report.at().toString())
                .setParameter(7, report.providerEventId()).executeUpdate() == 1;
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private Row lock(UUID outboxId) {
        return find(outboxId, true);
    }

    private Row find(UUID outboxId, boolean lock) {
        List<?> rows = em().createNativeQuery("SELECT CAST(activity_id AS text), CAST(to_addresses AS text),"
                + " unsubscribed_at, bounced_at FROM mail_outbox o WHERE o.id = CAST(?1 AS uuid)"
                + " AND o.activity_id IS NOT NULL" // the CRM's own e-mails to its users have no engagement
                + (lock ? " FOR UPDATE OF o" : "")).setParameter(1, outboxId.toString()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("outgoing-email " + outboxId);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Row(UUID.fromString((String) r[0]), Outbox.strings((String) r[1]), Timestamps.fromColumn(r[2]),
                Timestamps.fromColumn(r[3]));
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

    private EntityManager em() {
        return tenantData.current();
    }
}
