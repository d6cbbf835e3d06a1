package org.tesseracrm.web.api.sequence;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.entity.EmailDraft;

/** A draft an EMAIL_MANUAL step wrote, filled in for the person, waiting for its sender. */
@Schema(name = "EmailDraftResponse")
public record EmailDraftResponse(String id, String enrollmentId, String stepId, String leadId, String contactId,
        @Schema(description = "The sender: whose mailbox sends it") String owner, String subject, String body,
        String htmlBody, @Schema(description = "The template the step used, if any") String templateId,
        @Schema(enumeration = {
                "draft", "sent", "discarded"}) String status,
        @Schema(description = "The e-mail it became, once sent") String outgoingEmailId, OffsetDateTime createdAt,
        OffsetDateTime decidedAt, String decidedBy, long version){

    static EmailDraftResponse of(EmailDraft d) {
        Subject record = d.record();
        return new EmailDraftResponse(d.id().toString(), d.enrollmentId().toString(), d.stepId().toString(),
                record.kind() == Subject.Kind.LEAD ? record.id().toString() : null,
                record.kind() == Subject.Kind.CONTACT ? record.id().toString() : null, d.owner(), d.subject(),
                d.body(), d.htmlBody(), d.templateId() == null ? null : d.templateId().toString(), d.status(),
                d.outboxId() == null ? null : d.outboxId().toString(), d.createdAt(), d.decidedAt(), d.decidedBy(),
                d.version());
    }
}
