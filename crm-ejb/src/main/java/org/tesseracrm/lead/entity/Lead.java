package org.tesseracrm.lead.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.platform.entity.TextArrayColumn;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A prospect. Its sales status, counters, last contact and next follow-up move as the rep logs calls, meetings and
 * e-mails; conversion turns it into a contact, an account and a deal.
 */
@Entity
@Table(name = "lead")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Lead implements OwnedRecord {

    public static final String OBJECT_TYPE = "lead";
    public static final Set<String> PRIORITIES = Set.of("hot", "warm", "cold");

    @Id
    private UUID id;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    private String company;

    private String industry;

    private String email;

    private String phone;

    /** The lead's IANA time zone: sending windows can be read in it ({@code SendingWindow.inRecipientZone}). */
    @Column(name = "time_zone")
    private String timeZone;

    private String source;

    private String owner;

    @Column(nullable = false)
    private String priority = "warm";

    @Convert(converter = TextArrayColumn.class)
    @Column(nullable = false)
    private List<String> tags = List.of();

    @Column(nullable = false)
    private int score;

    /** The score's parts, the grade and the qualification: written by lead scoring in SQL, never by an edit. */
    @Column(name = "profile_score", insertable = false, updatable = false)
    private int profileScore;

    @Column(name = "engagement_score", insertable = false, updatable = false)
    private int engagementScore;

    @Column(insertable = false, updatable = false)
    private String grade;

    @Column(insertable = false, updatable = false)
    private String qualification;

    @Column(nullable = false)
    private String status = LeadStatus.NEW.value();

    @Column(name = "last_contact_at")
    private OffsetDateTime lastContactAt;

    @Column(name = "next_follow_up_at")
    private OffsetDateTime nextFollowUpAt;

    @Column(name = "emails_sent", nullable = false)
    private int emailsSent;

    @Column(name = "emails_opened", nullable = false)
    private int emailsOpened;

    /** E-mails of which a person clicked a link (kept by the e-mail engine's tracking, never by the API). */
    @Column(name = "emails_clicked", nullable = false)
    private int emailsClicked;

    /** E-mails the lead answered, and e-mails that bounced (kept by the mailbox poller). */
    @Column(name = "emails_replied", nullable = false)
    private int emailsReplied;

    @Column(name = "emails_bounced", nullable = false)
    private int emailsBounced;

    @Column(name = "calls_scheduled", nullable = false)
    private int callsScheduled;

    @Column(name = "calls_completed", nullable = false)
    private int callsCompleted;

    @Column(name = "estimated_value")
    private BigDecimal estimatedValue;

    private String currency;

    @Convert(converter = JsonbConverter.class)
    @Column(name = "custom_fields", nullable = false)
    private JsonValue customFields = JsonValue.EMPTY_JSON_OBJECT;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "converted_at")
    private OffsetDateTime convertedAt;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "converted_contact_id")
    private UUID convertedContactId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "converted_account_id")
    private UUID convertedAccountId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "converted_deal_id")
    private UUID convertedDealId;

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

    protected Lead() {
        // for JPA
    }

    public Lead(LeadDetails details, String owner, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
        this.createdBy = createdBy;
        this.owner = owner;
        apply(details, createdBy);
        if (lastName == null) {
            Fields.required("lastName", null, 200);
        }
    }

    /** Applies the fields sent; an explicit status change is returned for the status history. */
    public Optional<LeadStatusChange> apply(LeadDetails d, String by) {
        if (d.has("firstName")) {
            firstName = Fields.optional("firstName", d.firstName(), 200);
        }
        if (d.has("lastName")) {
            lastName = Fields.required("lastName", d.lastName(), 200);
        }
        if (d.has("company")) {
            company = Fields.optional("company", d.company(), 300);
        }
        if (d.has("industry")) {
            industry = Fields.optional("industry", d.industry(), 100);
        }
        if (d.has("email")) {
            email = Fields.email("email", d.email());
        }
        if (d.has("phone")) {
            phone = Fields.phone("phone", d.phone());
        }
        if (d.has("source")) {
            source = Fields.optional("source", d.source(), 100);
        }
        if (d.has("timeZone")) {
            timeZone = Fields.timeZone("timeZone", d.timeZone());
        }
        if (d.has("priority")) {
            if (d.priority() == null || !PRIORITIES.contains(d.priority())) {
                throw new InvalidInput("priority", "must be one of hot, warm, cold");
            }
            priority = d.priority();
        }
        if (d.has("tags")) {
            tags = Fields.tags("tags", d.tags());
        }
        if (d.has("score")) {
            if (d.score() == null || d.score() < -1000 || d.score() > 1000) {
                throw new InvalidInput("score", "must be between -1000 and 1000");
            }
            score = d.score();
        }
        if (d.has("nextFollowUpAt")) {
            nextFollowUpAt = d.nextFollowUpAt();
        }
        if (d.has("estimatedValue")) {
            estimatedValue = Fields.money("estimatedValue", d.estimatedValue());
        }
        if (d.has("currency")) {
            currency = Fields.currency("currency", d.currency());
        }
        if (estimatedValue != null && currency == null) {
            throw new InvalidInput("currency", "is required with an estimated value");
        }
        if (d.has("customFields")) {
            customFields = d.customFields() == null ? JsonValue.EMPTY_JSON_OBJECT : d.customFields();
        }
        if (d.has("externalId")) {
            externalId = Fields.optional("externalId", d.externalId(), 200);
        }
        updatedBy = by;
        if (d.has("status")) {
            LeadStatus wanted = LeadStatus.of("status", d.status());
            return changeStatus(wanted, Timestamps.now(), by);
        }
        return Optional.empty();
    }

    public void reassign(String newOwner) {
        owner = newOwner;
    }

    /** A rep set the status by hand: any move is allowed, it is recorded. */
    private Optional<LeadStatusChange> changeStatus(LeadStatus wanted, OffsetDateTime at, String by) {
        LeadStatus current = status();
        if (wanted == current) {
            return Optional.empty();
        }
        status = wanted.value();
        return Optional.of(new LeadStatusChange(id, current, wanted, at, by));
    }

    /** Engagement moves the funnel forward only, and never reopens a closed lead. */
    private Optional<LeadStatusChange> advanceTo(LeadStatus reached, OffsetDateTime at, String by) {
        LeadStatus current = status();
        if (current.isClosed() || reached.ordinal() <= current.ordinal()) {
            return Optional.empty();
        }
        return changeStatus(reached, at, by);
    }

    private void touched(OffsetDateTime at) {
        if (lastContactAt == null || at.isAfter(lastContactAt)) {
            lastContactAt = at;
        }
    }

    /** Follow-ups only move earlier: the soonest planned interaction is the next one. */
    public void planFollowUp(OffsetDateTime at) {
        OffsetDateTime now = Timestamps.now();
        if (nextFollowUpAt == null || nextFollowUpAt.isBefore(now) || at.isBefore(nextFollowUpAt)) {
            nextFollowUpAt = at;
        }
    }

    /** A call took place (whatever its outcome): counted, and the lead has been contacted. */
    public Optional<LeadStatusChange> callCompleted(OffsetDateTime at, OffsetDateTime followUp, String by) {
        callsCompleted++;
        touched(at);
        if (followUp != null) {
            planFollowUp(followUp);
        }
        return advanceTo(LeadStatus.CONTACTED, at, by);
    }

    /** A call is planned: counted, and it becomes the next follow-up. */
    public void callScheduled(OffsetDateTime at) {
        callsScheduled++;
        planFollowUp(at);
    }

    /** A meeting is planned: the lead is scheduled and the meeting is the next follow-up. */
    public Optional<LeadStatusChange> meetingScheduled(OffsetDateTime at, String by) {
        planFollowUp(at);
        return advanceTo(LeadStatus.SCHEDULED, Timestamps.now(), by);
    }

    public Optional<LeadStatusChange> meetingHeld(OffsetDateTime at, String by) {
        touched(at);
        return advanceTo(LeadStatus.SCHEDULED, at, by);
    }

    public Optional<LeadStatusChange> emailSent(OffsetDateTime at, String by) {
        emailsSent++;
        touched(at);
        return advanceTo(LeadStatus.CONTACTED, at, by);
    }

    /** E-mails counted when they were queued that were withdrawn before they went out (their enrollment ended). */
    public void emailsWithdrawn(int count) {
        emailsSent = Math.max(0, emailsSent - count);
    }

    /** The prospect wrote back. */
    public Optional<LeadStatusChange> emailReceived(OffsetDateTime at, String by) {
        touched(at);
        return advanceTo(LeadStatus.REPLIED, at, by);
    }

    /** Converted into a contact, an account and (optionally) a deal: the lead is won and stays for the record. */
    public Optional<LeadStatusChange> converted(UUID contactId, UUID accountId, UUID dealId, String by) {
        if (convertedAt != null) {
            throw new Conflict("already-converted", "lead " + id + " was converted on " + convertedAt);
        }
        OffsetDateTime now = Timestamps.now();
        convertedAt = now;
        convertedContactId = contactId;
        convertedAccountId = accountId;
        convertedDealId = dealId;
        return changeStatus(LeadStatus.CLOSED_WON, now, by);
    }

    public void delete(String by) {
        deletedAt = Timestamps.now();
        updatedBy = by;
    }

    public void restore(String by) {
        deletedAt = null;
        updatedBy = by;
    }

    @PreUpdate
    void touch() {
        updatedAt = Timestamps.now();
    }

    public Snapshot snapshot() {
        return new Snapshot().with("firstName", firstName).with("lastName", lastName).with("company", company)
                .with("industry", industry).with("email", email).with("phone", phone).with("timeZone", timeZone)
                .with("source", source)
                .with("owner", owner).with("priority", priority).with("tags", tags).with("score", score)
                .with("status", status).with("lastContactAt", lastContactAt).with("nextFollowUpAt", nextFollowUpAt)
                .with("emailsSent", emailsSent).with("emailsOpened", emailsOpened).with("emailsClicked", emailsClicked)
                .with("emailsReplied", emailsReplied).with("emailsBounced", emailsBounced)
                .with("callsScheduled", callsScheduled).with("callsCompleted", callsCompleted)
                .with("estimatedValue", estimatedValue).with("currency", currency)
                .with("customFields", customFields).with("externalId", externalId)
                .with("convertedAt", convertedAt).with("deletedAt", deletedAt);
    }

    public LeadStatus status() {
        return LeadStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }

    // @formatter:off
    public UUID id() { return id; }
    public String firstName() { return firstName; }
    public String lastName() { return lastName; }
    public String company() { return company; }
    public String industry() { return industry; }

    public String timeZone() { return timeZone; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String source() { return source; }
    public String owner() { return owner; }
    public String priority() { return priority; }
    public List<String> tags() { return tags; }
    public int score() { return score; }
    public int profileScore() { return profileScore; }
    public int engagementScore() { return engagementScore; }
    /** A to D by the profile points; null until the workspace's profile rules scored the lead. */
    public String grade() { return grade; }
    /** {@code mql}, {@code sql} or null. */
    public String qualification() { return qualification; }
    public OffsetDateTime lastContactAt() { return lastContactAt; }
    public OffsetDateTime nextFollowUpAt() { return nextFollowUpAt; }
    public int emailsSent() { return emailsSent; }
    public int emailsOpened() { return emailsOpened; }

    public int emailsClicked() { return emailsClicked; }

    public int emailsReplied() { return emailsReplied; }

    public int emailsBounced() { return emailsBounced; }
    public int callsScheduled() { return callsScheduled; }
    public int callsCompleted() { return callsCompleted; }
    public BigDecimal estimatedValue() { return estimatedValue; }
    public String currency() { return currency; }
    public JsonObject customFields() { return customFields.asJsonObject(); }
    public String externalId() { return externalId; }
    public OffsetDateTime convertedAt() { return convertedAt; }
    public UUID convertedContactId() { return convertedContactId; }
    public UUID convertedAccountId() { return convertedAccountId; }
    public UUID convertedDealId() { return convertedDealId; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public String createdBy() { return createdBy; }
    public String updatedBy() { return updatedBy; }
    public OffsetDateTime deletedAt() { return deletedAt; }
    public boolean isDeleted() { return deletedAt != null; }
    public long version() { return version; }
    // @formatter:on
}
