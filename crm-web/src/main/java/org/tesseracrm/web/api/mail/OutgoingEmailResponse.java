package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.OutgoingEmail;

/** An e-mail of the outbox and where it stands. */
@Schema(name = "OutgoingEmailResponse")
public record OutgoingEmailResponse(String id,
        @Schema(description = "The EMAIL activity on the timeline") String activityId,
        @Schema(description = "Fixed for this e-mail, also when it has to be sent again") String messageId,
        @Schema(enumeration = {
                "queued", "sending", "sent", "failed"}) String state,
        String from, List<String> to, List<String> cc, String subject, String body,
        @Schema(description = "Delivery attempts so far") int attempts,
        @Schema(description = "The mail server's answer to the last failed attempt") String lastError,
        @Schema(description = "When a queued e-mail is tried (again)") OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt, OffsetDateTime sentAt){

    public static OutgoingEmailResponse of(OutgoingEmail e) {
        return new OutgoingEmailResponse(e.id().toString(), e.activityId().toString(), e.messageId(), e.state(),
                e.from(), e.to(), e.cc(), e.subject(), e.body(), e.attempts(), e.lastError(),
                e.state().equals("queued") ? e.nextAttemptAt() : null, e.createdAt(), e.sentAt());
    }
}
