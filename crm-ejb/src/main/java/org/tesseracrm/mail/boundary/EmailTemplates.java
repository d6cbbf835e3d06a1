package org.tesseracrm.mail.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.account.entity.Account;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.mail.entity.EmailTemplate;
import org.tesseracrm.mail.entity.MergeFields;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.entity.AppUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The tenant's e-mail templates, and filling one in for a lead or contact: the record's fields, its account's, and
 * the sender's ({@link MergeFields} lists them). What the template says is checked when it is saved.
 */
@ApplicationScoped
@Transactional
public class EmailTemplates {

    /** A template filled in for one recipient. */
    public record Rendered(UUID templateId, String subject, String body, String htmlBody) {
    }

    /**
     * How the e-mails sent with a template stand: queued (or being sent), sent, failed; and of them, how many a person
     * opened, clicked in, or unsubscribed from (machine opens and scanner clicks not counted).
     */
    public record Statistics(long queued, long sent, long failed, long opened, long clicked, long unsubscribed) {
        public static final Statistics NONE = new Statistics(0, 0, 0, 0, 0, 0);
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Contacts contacts;

    @Inject
    Leads leads;

    @Inject
    org.tesseracrm.user.boundary.Users users;

    public List<EmailTemplate> all() {
        return em().createQuery("SELECT t FROM EmailTemplate t ORDER BY LOWER(t.name), t.id", EmailTemplate.class)
                .getResultList();
    }

    public EmailTemplate find(UUID id) {
        EmailTemplate template = em().find(EmailTemplate.class, id);
        if (template == null) {
            throw new NotFound("email-template " + id);
        }
        return template;
    }

    /**
     * The outbox's counts per template, for every template at once (one grouped query over the template index).
     * Replies and bounces join them with reply and bounce detection.
     */
    public Map<UUID, Statistics> statistics() {
        return count(em().createNativeQuery(STATISTICS + " WHERE template_id IS NOT NULL GROUP BY template_id,"
                + " status").getResultList());
    }

    private static final String STATISTICS = "SELECT CAST(template_id AS text), status, count(*),"
            + " count(*) FILTER (WHERE open_count > 0), count(*) FILTER (WHERE click_count > 0),"
            + " count(*) FILTER (WHERE unsubscribed_at IS NOT NULL) FROM mail_outbox";

    /** The outbox's counts for one template. */
    public Statistics statistics(UUID templateId) {
        return count(em().createNativeQuery(STATISTICS + " WHERE template_id = CAST(?1 AS uuid) GROUP BY"
                + " template_id, status")
                .setParameter(1, templateId.toString()).getResultList())
                .getOrDefault(templateId, Statistics.NONE);
    }

    private static Map<UUID, Statistics> count(List<?> rows) {
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            long[] c = counts.computeIfAbsent(UUID.fromString((String) r[0]), k -> new long[6]);
            long n = ((Number) r[2]).longValue();
            for (int i = 3; i < 6; i++) {
                c[i] += ((Number) r[i]).longValue();
            }
            switch ((String) r[1]) {
                case "sent" -> c[1] += n;
                case "failed" -> c[2] += n;
                default -> c[0] += n;
            }
        }
        Map<UUID, Statistics> result = new HashMap<>();
        counts.forEach((id, c) -> result.put(id, new Statistics(c[0], c[1], c[2], c[3], c[4], c[5])));
        return result;
    }

    public EmailTemplate create(String name, String subject, String body, String htmlBody, Caller caller) {
        EmailTemplate template = new EmailTemplate(name, subject, body, htmlBody, caller.username());
        requireUniqueName(template.name(), template.id());
        em().persist(template);
        em().flush();
        return template;
    }

    /** Replaces name, subject and bodies; {@code expectedVersion} guards against lost updates. */
    public EmailTemplate update(UUID id, long expectedVersion, String name, String subject, String body,
            String htmlBody) {
        EmailTemplate template = find(id);
        if (template.version() != expectedVersion) {
            throw new Conflict("stale-version", "email-template " + id + " was changed by someone else (version "
                    + template.version() + ", yours " + expectedVersion + ")");
        }
        em().lock(template, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        template.change(name, subject, body, htmlBody);
        requireUniqueName(template.name(), template.id());
        em().flush();
        return template;
    }

    public void delete(UUID id) {
        em().remove(find(id));
    }

    /** The template filled in for a lead or contact, as {@code sender} would send it. */
    public Rendered render(UUID templateId, Subject recipient, Caller sender) {
        EmailTemplate template = find(templateId);
        Rendered rendered = render(recipient, sender, template.subject(), template.body(), template.htmlBody());
        return new Rendered(template.id(), rendered.subject(), rendered.body(), rendered.htmlBody());
    }

    /**
     * A subject and body with merge fields (a sequence step's own, not a template's) filled in for a lead or contact,
     * as {@code sender} would send it; the same fields and fallbacks as templates.
     */
    public Rendered render(Subject recipient, Caller sender, String subject, String body, String htmlBody) {
        Map<String, Object> scope = new HashMap<>();
        switch (recipient.kind()) {
            case CONTACT -> {
                Contact contact = contacts.find(recipient.id());
                scope.put("contact", fields("firstName", contact.firstName(), "lastName", contact.lastName(),
                        "email", contact.email(), "phone", contact.phone(), "title", contact.title()));
                if (contact.accountId() != null) {
                    Account account = em().find(Account.class, contact.accountId());
                    if (account != null && !account.isDeleted()) {
                        scope.put("account", fields("name", account.name(), "domain", account.domain(),
                                "industry", account.industry(), "phone", account.phone()));
                    }
                }
            }
            case LEAD -> {
                Lead lead = leads.find(recipient.id());
                scope.put("lead", fields("firstName", lead.firstName(), "lastName", lead.lastName(), "company",
                        lead.company(), "email", lead.email(), "phone", lead.phone(), "industry", lead.industry()));
            }
            default -> throw new InvalidInput("subject", "templates are filled in for leads and contacts");
        }
        java.util.Optional<AppUser> found = users.find(sender.username());
        if (found.isPresent()) {
            AppUser user = found.get();
            String name = String.join(" ", java.util.stream.Stream.of(user.firstName(), user.lastName())
                    .filter(part -> part != null && !part.isBlank()).toList());
            scope.put("sender", fields("name", name.isEmpty() ? user.username() : name, "firstName",
                    user.firstName(), "lastName", user.lastName(), "email", user.email()));
        }
        return new Rendered(null, MergeFields.render("subject", subject, scope).strip(), MergeFields.render("body",
                body, scope), htmlBody == null ? null : MergeFields.renderHtml("htmlBody", htmlBody, scope));
    }

    /** Name-value pairs, leaving out empty values so that an inverted section gives the fallback. */
    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                map.put(namesAndValues[i], value);
            }
        }
        return map;
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = !em().createQuery(
                "SELECT t.id FROM EmailTemplate t WHERE LOWER(t.name) = LOWER(:name) AND t.id <> :self", UUID.class)
                .setParameter("name", name).setParameter("self", self).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-template-name", "an e-mail template named '" + name + "' already exists");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
