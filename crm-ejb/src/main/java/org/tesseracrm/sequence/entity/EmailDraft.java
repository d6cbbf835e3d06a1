package org.tesseracrm.sequence.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.UuidColumn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The e-mail an {@code EMAIL_MANUAL} step wrote for its sender, filled in for the person: it waits ({@code draft})
 * until the sender sends it, edited or not ({@code sent}, with its outbox row), or discards it ({@code discarded});
 * either way the enrollment goes on.
 */
@Entity
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
@Table(name = "email_draft")
public class EmailDraft {

    public static final String DRAFT = "draft";
    public static final String SENT = "sent";
    public static final String DISCARDED = "discarded";

    @Id
    private UUID id;

    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private UUID enrollmentId;

    @Column(name = "step_id", nullable = false, updatable = false)
    private UUID stepId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "lead_id", updatable = false)
    private UUID leadId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "contact_id", updatable = false)
    private UUID contactId;

    @Column(nullable = false, updatable = false)
    private String owner;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String body;

    @Column(name = "html_body")
    private String htmlBody;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "template_id")
    private UUID templateId;

    @Column(nullable = false)
    private String status = DRAFT;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "outbox_id")
    private UUID outboxId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Version
    private long version;

    protected EmailDraft() {
        // for JPA
    }

    public EmailDraft(Enrollment enrollment, UUID stepId, String subject, String body, String htmlBody,
            UUID templateId) {
        this.id = UUID.randomUUID();
        this.enrollmentId = enrollment.id();
        this.stepId = stepId;
        Subject record = enrollment.record();
        this.leadId = record.kind() == Subject.Kind.LEAD ? record.id() : null;
        this.contactId = record.kind() == Subject.Kind.CONTACT ? record.id() : null;
        this.owner = enrollment.sender();
        this.subject = subject;
        this.body = body;
        this.htmlBody = htmlBody;
        this.templateId = templateId;
        this.createdAt = Timestamps.now();
    }

    /** Sent as {@code subject}, {@code body} and {@code htmlBody} (the draft's own, or the sender's edits). */
    public void sent(String sentSubject, String sentBody, String sentHtml, UUID outbox, String by) {
        requireDraft("send");
        subject = sentSubject;
        body = sentBody;
        htmlBody = sentHtml;
        outboxId = outbox;
        decide(SENT, by);
    }

    public void discard(String by) {
        requireDraft("discard");
        decide(DISCARDED, by);
    }

    private void decide(String outcome, String by) {
        status = outcome;
        decidedAt = Timestamps.now();
        decidedBy = by;
    }

    private void requireDraft(String action) {
        if (!status.equals(DRAFT)) {
            throw new Conflict("draft-" + status, "a draft that was " + status + " cannot " + action + " again");
        }
    }

    public Subject record() {
        return leadId != null ? new Subject(Subject.Kind.LEAD, leadId) : new Subject(Subject.Kind.CONTACT, contactId);
    }

    public UUID id() {
        return id;
    }

    public UUID enrollmentId() {
        return enrollmentId;
    }

    public UUID stepId() {
        return stepId;
    }

    public String owner() {
        return owner;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public String htmlBody() {
        return htmlBody;
    }

    public UUID templateId() {
        return templateId;
    }

    public String status() {
        return status;
    }

    public UUID outboxId() {
        return outboxId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public long version() {
        return version;
    }
}
