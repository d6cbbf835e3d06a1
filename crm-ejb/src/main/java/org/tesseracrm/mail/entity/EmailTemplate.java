package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A reusable e-mail: name, and subject, text body and (optionally) HTML body with merge fields ({@link MergeFields}). */
@Entity
@Table(name = "email_template")
public class EmailTemplate {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String body;

    /** The HTML part (optional); its merge fields are HTML-escaped. */
    @Column(name = "html_body")
    private String htmlBody;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected EmailTemplate() {
        // for JPA
    }

    public EmailTemplate(String name, String subject, String body, String htmlBody, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdAt = Timestamps.now();
        this.createdBy = createdBy;
        change(name, subject, body, htmlBody);
    }

    /** Replaces name, subject and bodies; every text must be a valid template. */
    public void change(String newName, String newSubject, String newBody, String newHtmlBody) {
        String checkedSubject = Fields.required("subject", newSubject, 500);
        if (checkedSubject.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("subject", "must be one line without control characters");
        }
        String checkedBody = Fields.required("body", newBody, 100_000);
        MergeFields.requireValid("subject", checkedSubject);
        MergeFields.requireValid("body", checkedBody);
        String checkedHtml = Fields.optional("htmlBody", newHtmlBody, 500_000);
        if (checkedHtml != null) {
            MergeFields.requireValid("htmlBody", checkedHtml);
        }
        this.htmlBody = checkedHtml;
        this.name = Fields.required("name", newName, 200);
        this.subject = checkedSubject;
        this.body = checkedBody;
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
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

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
