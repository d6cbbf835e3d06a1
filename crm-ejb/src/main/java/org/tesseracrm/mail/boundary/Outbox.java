package org.tesseracrm.mail.boundary;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.mail.control.Signatures;
import org.tesseracrm.mail.control.TrackingLinks;
import org.tesseracrm.mail.entity.MailSettings;
import org.tesseracrm.mail.entity.Mailbox;
import org.tesseracrm.mail.entity.OutgoingEmail;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.entity.AppUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import static org.tesseracrm.platform.entity.JsonValues.JSON;

/**
 * Sending an e-mail from the CRM: the EMAIL activity (on the lead's or contact's timeline, state {@code queued}) and
 * its outbox row are written in one transaction, so an acknowledged send is never lost and never sent without its
 * activity. The dispatcher ({@code MailDispatcher}) sends it afterwards with the row's fixed Message-ID.
 */
@ApplicationScoped
@Transactional
public class Outbox {

    static final int MAX_RECIPIENTS = 50;
    static final int MAX_HTML = 500_000;

    @Inject
    Engagements engagements;

    @Inject
    Contacts contacts;

    @Inject
    Leads leads;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    EmailTemplates templates;

    @Inject
    Suppressions suppressions;

    @Inject
    Mailboxes mailboxes;

    @Inject
    MailSettingsAdministration mailSettings;

    @Inject
    TrackingLinks tracking;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    org.tesseracrm.user.boundary.Users users;

    @Inject
    @ConfigProperty(name = "crm.mail.default-from", defaultValue = "no-reply@tessera-crm.localhost")
    String defaultFrom;

    @Inject
    @ConfigProperty(name = "crm.mail.message-id-domain", defaultValue = "mail.tessera-crm.localhost")
    String messageIdDomain;

    /**
     * What a person asks to send: a subject and body, or a template filled in for the recipient record; {@code to}
     * empty means the lead's or contact's own address.
     */
    public record Draft(List<String> to, List<String> cc, String subject, String body, String htmlBody,
            UUID templateId, boolean filledIn) {

        /** With {@code templateId}, the template is rendered for the record instead of subject, body and HTML. */
        public Draft(List<String> to, List<String> cc, String subject, String body, String htmlBody,
                UUID templateId) {
            this(to, cc, subject, body, htmlBody, templateId, false);
        }

        public Draft(List<String> to, List<String> cc, String subject, String body) {
            this(to, cc, subject, body, null, null);
        }

        /**
         * Text the template rendered earlier for this record (a sequence draft), sent as it was approved: it counts
         * in the template's figures and is not rendered again, so what goes out is what the sender saw.
         */
        public static Draft filledIn(UUID templateId, String subject, String body, String htmlBody) {
            return new Draft(List.of(), List.of(), subject, body, htmlBody, templateId, true);
        }
    }

    /** Queues an e-mail to a lead or a contact, from the caller's address; the caller must be allowed to change it. */
    public OutgoingEmail queue(Subject subject, Draft draft, Caller caller) {
        String recordEmail = switch (subject.kind()) {
            case CONTACT -> contacts.find(subject.id()).email();
            case LEAD -> leads.find(subject.id()).email();
            default -> throw new InvalidInput("subject", "e-mails are sent to leads and contacts");
        };
        String givenSubject = draft.subject();
        String givenBody = draft.body();
        String givenHtml = draft.htmlBody();
        if (draft.templateId() != null && !draft.filledIn()) {
            if (givenSubject != null || givenBody != null || givenHtml != null) {
                throw new InvalidInput("templateId", "comes instead of subject, body and htmlBody, not with them");
            }
            EmailTemplates.Rendered rendered;
            try {
                rendered = templates.render(draft.templateId(), subject, caller);
            } catch (org.tesseracrm.platform.entity.NotFound e) {
                if (e.getMessage().startsWith("email-template")) {
                    throw new InvalidInput("templateId", "is no e-mail template of this workspace");
                }
                throw e;
            }
            givenSubject = rendered.subject();
            givenBody = rendered.body();
            givenHtml = rendered.htmlBody();
        }
        String subjectLine = Fields.required("subject", givenSubject, 500);
        if (subjectLine.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("subject", "must be one line without control characters");
        }
        String body = Fields.required("body", givenBody, 100_000);
        String html = Fields.optional("htmlBody", givenHtml, MAX_HTML);
        Optional<Mailbox> mailbox = mailboxes.of(caller.username());
        String signature = mailbox.map(Mailbox::signature).orElse(null);
        List<String> to = addresses("to", draft.to());
        if (to.isEmpty()) {
            if (recordEmail == null) {
                throw new InvalidInput("to", "is required: the " + subject.kind().name().toLowerCase()
                        + " has no e-mail address");
            }
            to = List.of(recordEmail);
        }
        List<String> cc = addresses("cc", draft.cc());
        if (to.size() + cc.size() > MAX_RECIPIENTS) {
            throw new InvalidInput("to", "and cc may list at most " + MAX_RECIPIENTS + " addresses together");
        }
        Set<String> suppressed = suppressions.suppressed(concat(to, cc));
        if (!suppressed.isEmpty()) {
            throw new Conflict("suppressed-recipient", String.join(", ", suppressed) + (suppressed.size() == 1
                    ? " is"
                    : " are") + " on this workspace's suppression list (unsubscribed, bounced or blocked)");
        }
        UUID id = UUID.randomUUID();
        // what goes out is fixed now: the HTML part with its tracked links and pixel, and the unsubscribe address
        TrackingLinks.Tracked tracked = tracking.enabled()
                ? tracking.track(currentTenant.require().slug(), id, Signatures.html(html != null
                        ? html
                        : TrackingLinks.htmlOf(body), signature))
                : new TrackingLinks.Tracked(Signatures.html(html, signature), null);
        body = Signatures.text(body, signature);
        String messageId = "<" + id + "@" + messageIdDomain + ">";
        String from = mailbox.map(Mailbox::from).orElseGet(() -> senderOf(caller));
        var metadata = JSON.createObjectBuilder().add("direction", "outbound").add("to", array(to))
                .add("cc", array(cc)).add("from", from).add("emailState", "queued")
                .add("outgoingEmailId", id.toString()).add("messageId", messageId);
        if (draft.templateId() != null) {
            metadata.add("templateId", draft.templateId().toString());
        }
        Activity activity = engagements.log(subject, new ActivityDetails(ActivityType.EMAIL, subjectLine, body, null,
                null, null, null, null, null, null, Timestamps.now(), metadata.build()), null, false, caller);
        tenantData.current().flush(); // the outbox row refers to the activity
        tenantData.current().createNativeQuery("INSERT INTO mail_outbox (id, activity_id, message_id, from_address,"
                + " to_addresses, cc_addresses, subject, body, created_by, template_id, html_body, unsubscribe_url,"
                + " mailbox_id) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4, CAST(?5 AS jsonb),"
                + " CAST(?6 AS jsonb), ?7, ?8, ?9, CAST(?10 AS uuid), ?11, ?12, CAST(?13 AS uuid))")
                .setParameter(1, id.toString()).setParameter(2, activity.id().toString()).setParameter(3, messageId)
                .setParameter(4, from).setParameter(5, array(to).toString()).setParameter(6, array(cc).toString())
                .setParameter(7, subjectLine).setParameter(8, body).setParameter(9, caller.username())
                .setParameter(10, draft.templateId() == null ? null : draft.templateId().toString())
                .setParameter(11, tracked.html()).setParameter(12, tracked.unsubscribeUrl())
                .setParameter(13, mailbox.map(m -> m.id().toString()).orElse(null))
                .executeUpdate();
        return find(id).orElseThrow();
    }

    /** A file to send with an e-mail. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    /**
     * Queues an e-mail of the CRM itself to one of the tenant's users (the weekly report): no lead or contact, so no
     * activity and no tracking; from the tenant's sender (mail settings) or else the platform's. Empty when the
     * address is on the suppression list (it bounced): nothing is queued.
     */
    public Optional<UUID> queueToUser(String to, String subject, String body, List<Attachment> attachments,
            String createdBy) {
        String address = Fields.email("to", to);
        if (address == null) {
            throw new InvalidInput("to", "is not an e-mail address");
        }
        if (!suppressions.suppressed(List.of(address)).isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        MailSettings settings = mailSettings.current();
        String from = settings.senderAddress() == null ? defaultFrom : settings.senderAddress();
        var em = tenantData.current();
        em.createNativeQuery("INSERT INTO mail_outbox (id, message_id, from_address, to_addresses, subject, body,"
                + " created_by) VALUES (CAST(?1 AS uuid), ?2, ?3, CAST(?4 AS jsonb), ?5, ?6, ?7)")
                .setParameter(1, id.toString()).setParameter(2, "<" + id + "@" + messageIdDomain + ">")
                .setParameter(3, from).setParameter(4, array(List.of(address)).toString())
                .setParameter(5, Fields.required("subject", subject, 500)).setParameter(6, Fields.required("body",
                        body, 100_000))
                .setParameter(7, createdBy).executeUpdate();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment file = attachments.get(i);
            em.createNativeQuery("INSERT INTO mail_attachment (outbox_id, position, file_name, content_type, content)"
                    + " VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5)").setParameter(1, id.toString()).setParameter(2, i)
                    .setParameter(3, file.fileName()).setParameter(4, file.contentType())
                    .setParameter(5, file.content()).executeUpdate();
        }
        return Optional.of(id);
    }

    /** An outbox row of the current tenant. */
    public Optional<OutgoingEmail> find(UUID id) {
        List<?> rows = tenantData.current().createNativeQuery("SELECT CAST(id AS text), CAST(activity_id AS text),"
                + " message_id, status, from_address, CAST(to_addresses AS text), CAST(cc_addresses AS text), subject,"
                + " body, attempts, last_error, next_attempt_at, created_at, sent_at, html_body, open_count,"
                + " machine_open_count, first_opened_at, last_opened_at, click_count, unsubscribed_at FROM mail_outbox"
                + " WHERE id = CAST(?1 AS uuid) AND activity_id IS NOT NULL").setParameter(1, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new OutgoingEmail(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                (String) r[2], (String) r[3], (String) r[4], strings((String) r[5]), strings((String) r[6]),
                (String) r[7], (String) r[8], ((Number) r[9]).intValue(), (String) r[10], Timestamps.fromColumn(r[11]),
                Timestamps.fromColumn(r[12]), Timestamps.fromColumn(r[13]), (String) r[14],
                new OutgoingEmail.Engagement(
                        ((Number) r[15]).intValue(), ((Number) r[16]).intValue(), Timestamps.fromColumn(r[17]),
                        Timestamps.fromColumn(r[18]),
                        ((Number) r[19]).intValue(), Timestamps.fromColumn(r[20]))));
    }

    /**
     * Without a mailbox: the caller's own address from the tenant's user list; else the tenant's sender (mail
     * settings); else the platform's.
     */
    private String senderOf(Caller caller) {
        return users.find(caller.username()).map(AppUser::email).filter(email -> !email.isBlank())
                .orElseGet(() -> {
                    MailSettings settings = mailSettings.current();
                    return settings.senderAddress() == null ? defaultFrom : settings.senderAddress();
                });
    }

    private static List<String> addresses(String field, List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_RECIPIENTS) {
            throw new InvalidInput(field, "may list at most " + MAX_RECIPIENTS + " addresses");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String address = Fields.email(field + "[" + i + "]", given.get(i));
            if (address == null) {
                throw new InvalidInput(field + "[" + i + "]", "is not an e-mail address");
            }
            unique.add(address);
        }
        return List.copyOf(unique);
    }

    private static JsonArray array(List<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array.build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<String> strings(String json) {
        List<String> values = new ArrayList<>();
        try (var reader = JSON.createReader(new StringReader(json))) {
            reader.readArray().getValuesAs(JsonString.class).forEach(s -> values.add(s.getString()));
        }
        return values;
    }

}
