package org.tesseracrm.activity.entity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One interaction with a lead, contact, account or deal. It happened ({@code completedAt}) or is planned
 * ({@code scheduledFor}); {@code occurredAt} places it on the timeline.
 */
@Entity
@Table(name = "activity")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Activity implements OwnedRecord {

    public static final String OBJECT_TYPE = "activity";
    /** Call outcomes a rep picks from; reports group by them. */
    public static final Set<String> CALL_OUTCOMES = Set.of("Connected", "Voicemail", "No answer", "Busy",
            "Wrong number", "Left message", "Interested", "Not interested", "Meeting booked");
    private static final int MAX_ATTENDEES = 100;

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ActivityType type;

    private String subject;

    private String body;

    private String outcome;

    @Column(name = "duration_seconds")
    private Integer durationSeconds;

    private String location;

    @Convert(converter = JsonbConverter.class)
    @Column(nullable = false)
    private JsonValue attendees = JsonValue.EMPTY_JSON_ARRAY;

    private String objections;

    @Column(name = "next_steps")
    private String nextSteps;

    @Column(name = "scheduled_for")
    private OffsetDateTime scheduledFor;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Convert(converter = JsonbConverter.class)
    @Column(nullable = false)
    private JsonValue metadata = JsonValue.EMPTY_JSON_OBJECT;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "lead_id", updatable = false)
    private UUID leadId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "contact_id", updatable = false)
    private UUID contactId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "account_id", updatable = false)
    private UUID accountId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "deal_id", updatable = false)
    private UUID dealId;

    @Column(nullable = false, updatable = false)
    private String author;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    @Version
    private long version;

    protected Activity() {
        // for JPA
    }

    /** A logged interaction, checked for its type: a call, a meeting, an e-mail or a note. */
    public Activity(ActivityDetails d, Links links, String author) {
        if (d.type() == null) {
            throw new InvalidInput("type", "is required");
        }
        this.id = UUID.randomUUID();
        this.type = d.type();
        this.subject = Fields.optional("subject", d.subject(), 500);
        this.body = Fields.optional("body", d.body(), 100_000);
        this.outcome = outcome(d.outcome());
        this.durationSeconds = d.durationSeconds();
        this.location = Fields.optional("location", d.location(), 500);
        this.attendees = attendees(d.attendees());
        this.objections = Fields.optional("objections", d.objections(), 10_000);
        this.nextSteps = Fields.optional("nextSteps", d.nextSteps(), 10_000);
        this.scheduledFor = d.scheduledFor();
        this.completedAt = d.completedAt();
        this.metadata = d.metadata() == null ? JsonValue.EMPTY_JSON_OBJECT : d.metadata();
        if (metadata.toString().length() > 20_000) {
            throw new InvalidInput("metadata", "must be at most 20000 characters of JSON");
        }
        if (durationSeconds != null && (durationSeconds < 0 || durationSeconds > 86_400)) {
            throw new InvalidInput("durationSeconds", "must be between 0 and 86400");
        }
        checkForType();
        OffsetDateTime now = Timestamps.now();
        this.occurredAt = completedAt != null ? completedAt : scheduledFor != null ? scheduledFor : now;
        this.leadId = links.leadId();
        this.contactId = links.contactId();
        this.accountId = links.accountId();
        this.dealId = links.dealId();
        this.author = author;
        this.createdBy = author;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An outcome sent as blank text is a mistake, not "no outcome": leave it out instead. */
    private static String outcome(String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidInput("outcome", "must not be blank; leave it out when there is none");
        }
        return Fields.optional("outcome", value, 100);
    }

    private void checkForType() {
        switch (type) {
            case CALL -> {
                if (outcome != null && !CALL_OUTCOMES.contains(outcome)) {
                    throw new InvalidInput("outcome", "must be one of " + String.join(", ", CALL_OUTCOMES.stream()
                            .sorted().toList()));
                }
                if (scheduledFor == null && completedAt == null && outcome == null) {
                    throw new InvalidInput("completedAt", "or scheduledFor or outcome is required for a call");
                }
            }
            case MEETING -> {
                if (subject == null) {
                    throw new InvalidInput("subject", "is required for a meeting");
                }
                if (scheduledFor == null && completedAt == null) {
                    throw new InvalidInput("scheduledFor", "or completedAt is required for a meeting");
                }
            }
            case EMAIL, EMAIL_DRAFT -> {
                if (subject == null) {
                    throw new InvalidInput("subject", "is required for an e-mail");
                }
                if (outcome != null || durationSeconds != null) {
                    throw new InvalidInput(outcome != null ? "outcome" : "durationSeconds",
                            "does not apply to an e-mail");
                }
            }
            case NOTE -> {
                if (body == null) {
                    throw new InvalidInput("body", "is required for a note");
                }
                if (outcome != null || durationSeconds != null || scheduledFor != null) {
                    throw new InvalidInput("note", "takes subject, body and metadata only");
                }
            }
            default -> {
                if (subject == null && body == null) {
                    throw new InvalidInput("body", "or subject is required");
                }
            }
        }
    }

    private static JsonArray attendees(JsonArray given) {
        if (given == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (given.size() > MAX_ATTENDEES) {
            throw new InvalidInput("attendees", "may list at most " + MAX_ATTENDEES + " people");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonValue attendee = given.get(i);
            if (attendee.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidInput("attendees[" + i + "]", "must be an object with name and/or email");
            }
            JsonObject person = attendee.asJsonObject();
            for (String key : person.keySet()) {
                if (!Set.of("name", "email", "contactId", "response").contains(key)
                        || !(person.get(key) instanceof JsonString)) {
                    throw new InvalidInput("attendees[" + i + "]." + (key.length() > 30 ? key.substring(0, 30) : key),
                            "is not an attendee field (name, email, contactId, response; all strings)");
                }
            }
            if (person.containsKey("email")) {
                Fields.email("attendees[" + i + "].email", person.getString("email"));
            }
        }
        return given;
    }

    /** Corrects what was logged (the type and the records it belongs to stay); checked as on logging. */
    public void edit(ActivityChanges c, String by) {
        if (c.has("subject")) {
            subject = Fields.optional("subject", c.subject(), 500);
        }
        if (c.has("body")) {
            body = Fields.optional("body", c.body(), 100_000);
        }
        if (c.has("outcome")) {
            outcome = outcome(c.outcome());
        }
        if (c.has("durationSeconds")) {
            durationSeconds = c.durationSeconds();
            if (durationSeconds != null && (durationSeconds < 0 || durationSeconds > 86_400)) {
                throw new InvalidInput("durationSeconds", "must be between 0 and 86400");
            }
        }
        if (c.has("location")) {
            location = Fields.optional("location", c.location(), 500);
        }
        if (c.has("objections")) {
            objections = Fields.optional("objections", c.objections(), 10_000);
        }
        if (c.has("nextSteps")) {
            nextSteps = Fields.optional("nextSteps", c.nextSteps(), 10_000);
        }
        if (c.has("completedAt")) {
            completedAt = c.completedAt();
            occurredAt = completedAt != null ? completedAt : scheduledFor != null ? scheduledFor : occurredAt;
        }
        if (c.has("metadata")) {
            metadata = c.metadata() == null ? JsonValue.EMPTY_JSON_OBJECT : c.metadata();
            if (metadata.toString().length() > 20_000) {
                throw new InvalidInput("metadata", "must be at most 20000 characters of JSON");
            }
        }
        checkForType();
        updatedBy = by;
    }

    public void delete(String by) {
        deletedAt = Timestamps.now();
        updatedBy = by;
    }

    public void restore(String by) {
        deletedAt = null;
        updatedBy = by;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    @jakarta.persistence.PreUpdate
    void touch() {
        updatedAt = Timestamps.now();
    }

    /** Whether this interaction has taken place (rather than being planned). */
    public boolean happened() {
        return completedAt != null || (scheduledFor == null && type != ActivityType.MEETING);
    }

    public Snapshot snapshot() {
        return new Snapshot().with("type", type).with("subject", subject).with("body", body).with("outcome", outcome)
                .with("durationSeconds", durationSeconds).with("location", location).with("objections", objections)
                .with("nextSteps", nextSteps).with("metadata", metadata).with("deletedAt", deletedAt)
                .with("scheduledFor", scheduledFor).with("completedAt", completedAt).with("leadId", leadId)
                .with("contactId", contactId).with("accountId", accountId).with("dealId", dealId);
    }

    // @formatter:off
    public UUID id() { return id; }
    public ActivityType type() { return type; }
    public String subject() { return subject; }
    public String body() { return body; }
    public String outcome() { return outcome; }
    public Integer durationSeconds() { return durationSeconds; }
    public String location() { return location; }
    public JsonArray attendees() { return attendees.asJsonArray(); }
    public String objections() { return objections; }
    public String nextSteps() { return nextSteps; }
    public OffsetDateTime scheduledFor() { return scheduledFor; }
    public OffsetDateTime completedAt() { return completedAt; }
    public OffsetDateTime occurredAt() { return occurredAt; }
    public JsonObject metadata() { return metadata.asJsonObject(); }
    public UUID leadId() { return leadId; }
    public UUID contactId() { return contactId; }
    public UUID accountId() { return accountId; }
    public UUID dealId() { return dealId; }
    public String author() { return author; }

    /** The author counts as the activity's owner for the access rules. */
    @Override
    public String owner() { return author; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public OffsetDateTime deletedAt() { return deletedAt; }
    public long version() { return version; }
    // @formatter:on
}
