package org.tesseracrm.webform.boundary;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.webform.control.FormTokens;
import org.tesseracrm.webform.entity.WebForm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Web-to-lead forms of the current tenant (docs/web-forms.md). crm-admins write them; {@link #submit} takes what a
 * visitor sent, without a login. A submission acts for the admin who made the form: the lead is created through
 * {@link Leads} with the API's rules (and the tenant's assignment rules), and enrolled through {@link Enrollments}.
 */
@ApplicationScoped
@Transactional
public class WebForms {

    public static final int MAX_FORMS = 100;
    /** The hidden field people never see and bots fill in. */
    public static final String HONEYPOT = "website";
    /** The hidden field with the signed time the form was loaded. */
    public static final String TOKEN = "_token";
    /** Faster than this between loading and sending, nobody types a form. */
    public static final Duration MIN_FILL_TIME = Duration.ofSeconds(3);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    public static final String SOURCE = "web";

    /** What became of a submission; spam is answered like success, so a bot learns nothing. */
    public enum Outcome {
        CREATED, MATCHED, SPAM
    }

    public record Submission(Outcome outcome, UUID leadId, String message) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    LeadScoring scoring;

    @Inject
    CustomFields customFields;

    @Inject
    Leads leads;

    @Inject
    Enrollments enrollments;

    @Inject
    FormTokens tokens;

    public List<WebForm> all(Caller caller) {
        requireReader(caller);
        return em().createQuery("SELECT f FROM WebForm f ORDER BY LOWER(f.name), f.id", WebForm.class)
                .getResultList();
    }

    public WebForm find(UUID id, Caller caller) {
        requireReader(caller);
        return find(id);
    }

    public WebForm create(WebForm.Definition definition, Caller caller) {
        requireAdmin(caller);
        long count = em().createQuery("SELECT COUNT(f) FROM WebForm f", Long.class).getSingleResult();
        if (count >= MAX_FORMS) {
            throw new Conflict("too-many-forms", "a workspace has at most " + MAX_FORMS + " web forms");
        }
        WebForm form = new WebForm(definition, caller.username());
        check(form);
        em().persist(form);
        em().flush();
        return form;
    }

    public WebForm update(UUID id, Long expectedVersion, WebForm.Definition definition, Caller caller) {
        requireAdmin(caller);
        if (expectedVersion == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        WebForm form = find(id);
        if (form.version() != expectedVersion) {
            throw new StaleVersion("web form " + id, form.version(), expectedVersion);
        }
        form.change(definition);
        check(form);
        em().flush();
        return form;
    }

    public void delete(UUID id, Caller caller) {
        requireAdmin(caller);
        em().remove(find(id));
    }

    /** An active form by its public key, for visitors; a deactivated or unknown one is not found. */
    public WebForm published(String publicKey) {
        List<WebForm> found = em().createQuery("SELECT f FROM WebForm f WHERE f.publicKey = :key AND f.active = TRUE",
                WebForm.class).setParameter("key", publicKey == null ? "" : publicKey).getResultList();
        if (found.isEmpty()) {
            throw new NotFound("web form " + publicKey);
        }
        return found.get(0);
    }

    /** A token for the form as loaded now (the HTML snippet and the JSON endpoint hand it out). */
    public String token(WebForm form, Instant now) {
        return tokens.issue(form.publicKey(), now);
    }

    /**
     * Takes a visitor's submission: spam (honeypot filled, or sent sooner than {@link #MIN_FILL_TIME} after loading)
     * is recorded and answered like success; a missing, forged or expired token and wrong fields are 400; a live
     * lead with the same e-mail is matched rather than duplicated; else a lead with source {@value #SOURCE} is
     * created, assigned and, when the form says so, enrolled in its sequence.
     */
    public Submission submit(String publicKey, Map<String, String> values, Instant now) {
        WebForm form = published(publicKey);
        String honeypot = values.get(HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            return spam(form, "honeypot");
        }
        Instant issued = tokens.issuedAt(form.publicKey(), values.get(TOKEN)).orElseThrow(() -> new InvalidInput(
                TOKEN, "is missing or does not belong to this form: load the form again"));
        if (issued.isAfter(now.plusSeconds(5)) || Duration.between(issued, now).compareTo(TOKEN_LIFETIME) > 0) {
            throw new InvalidInput(TOKEN, "has expired: load the form again");
        }
        if (Duration.between(issued, now).compareTo(MIN_FILL_TIME) < 0) {
            return spam(form, "too fast");
        }
        LeadDetails details = details(form, values);
        Optional<Lead> known = details.email() == null ? Optional.empty() : knownLead(details.email());
        if (known.isPresent()) {
            record(form, known.get().id(), Outcome.MATCHED, null);
            scoring.rescore(List.of(known.get().id()), LeadScoring.ENGAGEMENT);
            return new Submission(Outcome.MATCHED, known.get().id(), form.successMessage());
        }
        Caller actingAdmin = new Caller(form.createdBy(), Set.of(Caller.CRM_ADMIN));
        Lead lead = leads.create(details, actingAdmin, form.owner());
        if (form.sequenceId() != null) {
            enrollments.enroll(form.sequenceId(), List.of(new Subject(Subject.Kind.LEAD, lead.id())), lead.owner(),
                    actingAdmin);
        }
        record(form, lead.id(), Outcome.CREATED, null);
        // the submission counts once it is recorded (the lead was scored when created, without it)
        scoring.rescore(List.of(lead.id()), LeadScoring.ENGAGEMENT);
        return new Submission(Outcome.CREATED, lead.id(), form.successMessage());
    }

    /** The form's fields as lead details: only its fields, the required ones present, text without controls. */
    private LeadDetails details(WebForm form, Map<String, String> values) {
        Map<String, WebForm.Field> fields = new java.util.LinkedHashMap<>();
        form.fields().forEach(field -> fields.put(field.name(), field));
        for (String name : values.keySet()) {
            if (!fields.containsKey(name) && !name.equals(TOKEN) && !name.equals(HONEYPOT)) {
                throw new InvalidInput(name, "is not a field of this form");
            }
        }
        Map<String, String> given = new java.util.HashMap<>();
        for (WebForm.Field field : fields.values()) {
            String value = values.get(field.name());
            value = value == null ? null : value.strip();
            if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r'
                    && c != '\t')) {
                throw new InvalidInput(field.name(), "contains control characters");
            }
            if (value == null || value.isEmpty()) {
                if (field.required()) {
                    throw new InvalidInput(field.name(), "is required");
                }
                continue;
            }
            given.put(field.name(), value);
        }
        JsonObjectBuilder custom = Json.createObjectBuilder();
        Map<String, CustomFieldDefinition> definitions = new java.util.HashMap<>();
        customFields.all().stream().filter(d -> d.objectType().equals(Lead.OBJECT_TYPE))
                .forEach(d -> definitions.put(d.name(), d));
        boolean anyCustom = false;
        for (Map.Entry<String, String> entry : given.entrySet()) {
            if (entry.getKey().startsWith("custom.")) {
                String name = entry.getKey().substring("custom.".length());
                CustomFieldDefinition definition = definitions.get(name);
                if (definition == null) {
                    throw new InvalidInput(entry.getKey(), "is no longer a custom field of leads");
                }
                anyCustom = true;
                switch (definition.fieldType()) {
                    case "number" -> {
                        try {
                            custom.add(name, new BigDecimal(entry.getValue()));
                        } catch (NumberFormatException e) {
                            throw new InvalidInput(entry.getKey(), "must be a number");
                        }
                    }
                    case "boolean" -> custom.add(name, Set.of("true", "on", "yes", "1").contains(entry.getValue()
                            .toLowerCase(Locale.ROOT)));
                    default -> custom.add(name, entry.getValue());
                }
            }
        }
        Set<String> present = new HashSet<>(given.keySet());
        present.removeIf(name -> name.startsWith("custom."));
        present.add("source");
        if (anyCustom) {
            present.add("customFields");
        }
        return new LeadDetails(given.get("firstName"), given.get("lastName"), given.get("company"),
                given.get("industry"), given.get("email"), given.get("phone"), SOURCE, null, null, null, null, null,
                null, null, null, anyCustom ? custom.build() : null, null, null, present);
    }

    private Optional<Lead> knownLead(String email) {
        return em().createQuery("SELECT l FROM Lead l WHERE LOWER(l.email) = :email AND l.deletedAt IS NULL"
                + " ORDER BY l.createdAt", Lead.class).setParameter("email", email.strip().toLowerCase(Locale.ROOT))
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    private Submission spam(WebForm form, String reason) {
        record(form, null, Outcome.SPAM, reason);
        return new Submission(Outcome.SPAM, null, form.successMessage());
    }

    private void record(WebForm form, UUID leadId, Outcome outcome, String reason) {
        // the lead id as text: EclipseLink binds a null UUID as varchar, which a uuid column refuses
        em().createNativeQuery("INSERT INTO web_form_submission (form_id, lead_id, outcome, reason)"
                + " VALUES (?1, CAST(?2 AS uuid), ?3, ?4)").setParameter(1, form.id())
                .setParameter(2, leadId == null ? null : leadId.toString())
                .setParameter(3, outcome.name().toLowerCase(Locale.ROOT)).setParameter(4, reason).executeUpdate();
    }

    /** The owner is an active user; custom fields are the lead's; the sequence exists; the name is free. */
    private void check(WebForm form) {
        access.requireActiveUsers("owner", List.of(form.owner()));
        Set<String> leadFields = new HashSet<>();
        customFields.all().stream().filter(d -> d.objectType().equals(Lead.OBJECT_TYPE))
                .forEach(d -> leadFields.add("custom." + d.name()));
        for (WebForm.Field field : form.fields()) {
            if (field.name().startsWith("custom.") && !leadFields.contains(field.name())) {
                throw new InvalidInput("fields", "'" + field.name() + "' is no custom field of leads");
            }
        }
        if (form.sequenceId() != null && ((Number) em().createNativeQuery("SELECT count(*) FROM sequence WHERE"
                + " id = ?1").setParameter(1, form.sequenceId()).getSingleResult()).longValue() == 0) {
            throw new InvalidInput("sequenceId", "no sequence " + form.sequenceId() + " in this workspace");
        }
        boolean taken = !em().createQuery("SELECT f.id FROM WebForm f WHERE LOWER(f.name) = LOWER(:name)"
                + " AND f.id <> :self", UUID.class).setParameter("name", form.name()).setParameter("self", form.id())
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-form-name", "a web form named '" + form.name() + "' exists");
        }
    }

    private WebForm find(UUID id) {
        WebForm form = em().find(WebForm.class, id);
        if (form == null) {
            throw new NotFound("web form " + id);
        }
        return form;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admins-only", "only crm-admins change web forms");
        }
    }

    private static void requireReader(Caller caller) {
        if (!caller.isAdmin() && !caller.isManager()) {
            throw new Forbidden("admins-and-managers-only", "only crm-admins and sales-managers read web forms");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
