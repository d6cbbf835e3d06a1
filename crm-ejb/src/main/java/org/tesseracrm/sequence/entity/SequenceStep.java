package org.tesseracrm.sequence.entity;

import java.util.UUID;

import org.tesseracrm.mail.entity.MergeFields;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.UuidColumn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step of a sequence: its place, what it does, how many days after the previous one, and its content. */
@Entity
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
@Table(name = "sequence_step")
public class SequenceStep {

    /** A step as asked for; {@code id} keeps an existing step (and its run history) when steps are reordered. */
    public record Definition(UUID id, StepType type, Integer delayDays, UUID templateId, String subject, String body,
            String htmlBody, String title) {
    }

    @Id
    private UUID id;

    @Column(name = "sequence_id", nullable = false, updatable = false)
    private UUID sequenceId;

    @Column(nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StepType type;

    @Column(name = "delay_days", nullable = false)
    private int delayDays;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "template_id")
    private UUID templateId;

    private String subject;

    private String body;

    @Column(name = "html_body")
    private String htmlBody;

    private String title;

    protected SequenceStep() {
        // for JPA
    }

    public SequenceStep(UUID sequenceId, int position, Definition definition) {
        this.id = definition.id() == null ? UUID.randomUUID() : definition.id();
        this.sequenceId = sequenceId;
        apply(position, definition);
    }

    /** Sets place and content, checked: an e-mail step has a template or a subject and body; a task has a title. */
    public void apply(int newPosition, Definition d) {
        String field = "steps[" + newPosition + "]";
        if (d.type() == null) {
            throw new InvalidInput(field + ".type", "is required: EMAIL_AUTO, EMAIL_MANUAL, CALL or TASK");
        }
        int delay = d.delayDays() == null ? 0 : d.delayDays();
        if (delay < 0 || delay > 365) {
            throw new InvalidInput(field + ".delayDays", "must be between 0 and 365");
        }
        String newSubject = Fields.optional(field + ".subject", d.subject(), 500);
        String newBody = Fields.optional(field + ".body", d.body(), 100_000);
        String newHtml = Fields.optional(field + ".htmlBody", d.htmlBody(), 500_000);
        String newTitle = Fields.optional(field + ".title", d.title(), 500);
        if (d.type().sendsEmail()) {
            if (d.templateId() == null && (newSubject == null || newBody == null)) {
                throw new InvalidInput(field, "an e-mail step needs a templateId, or a subject and a body");
            }
            if (d.templateId() != null && (newSubject != null || newBody != null || newHtml != null)) {
                throw new InvalidInput(field + ".templateId", "comes instead of subject and body, not with them");
            }
            if (newSubject != null) {
                if (newSubject.chars().anyMatch(Character::isISOControl)) {
                    throw new InvalidInput(field + ".subject", "must be one line without control characters");
                }
                MergeFields.requireValid(field + ".subject", newSubject);
                MergeFields.requireValid(field + ".body", newBody);
                if (newHtml != null) {
                    MergeFields.requireValid(field + ".htmlBody", newHtml);
                }
            }
            newTitle = null;
        } else {
            if (newTitle == null) {
                throw new InvalidInput(field + ".title", "is required for a " + d.type() + " step");
            }
            if (d.templateId() != null || newSubject != null || newHtml != null) {
                throw new InvalidInput(field, "a " + d.type() + " step has a title and notes (body), no e-mail");
            }
        }
        this.position = newPosition;
        this.type = d.type();
        this.delayDays = delay;
        this.templateId = d.type().sendsEmail() ? d.templateId() : null;
        this.subject = newSubject;
        this.body = newBody;
        this.htmlBody = newHtml;
        this.title = newTitle;
    }

    public UUID id() {
        return id;
    }

    public UUID sequenceId() {
        return sequenceId;
    }

    public int position() {
        return position;
    }

    public StepType type() {
        return type;
    }

    public int delayDays() {
        return delayDays;
    }

    public UUID templateId() {
        return templateId;
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

    public String title() {
        return title;
    }
}
