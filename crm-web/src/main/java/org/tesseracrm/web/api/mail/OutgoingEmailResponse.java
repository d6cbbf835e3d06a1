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
                "queued", "sending", "sent", "failed", "cancelled"}) String state,
        String from, List<String> to, List<String> cc, String subject, String body,
        @Schema(description = "The HTML part as sent: links through the click redirect, the open pixel at the end") String htmlBody,
        @Schema(description = "Delivery attempts so far") int attempts,
        @Schema(description = "The mail server's answer to the last failed attempt, or why it was held or not sent") String lastError,
        @Schema(description = "When a queued e-mail is tried (again)") OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt, OffsetDateTime sentAt,
        @Schema(description = "What people did with it; machine opens and scanner clicks are not counted") Engagement engagement){

    /** Opens, clicks and unsubscribes of one e-mail, from its tracking links. */
    @Schema(name = "OutgoingEmailEngagement")
    public record Engagement(@Schema(description = "Opens by a person") int openCount,
            @Schema(description = "Opens judged to be a machine's (privacy proxies, scanners, pre-fetch)") int machineOpenCount,
            OffsetDateTime firstOpenedAt, OffsetDateTime lastOpenedAt,
            @Schema(description = "Clicks by a person") int clickCount, OffsetDateTime unsubscribedAt) {
    }

    public static OutgoingEmailResponse of(OutgoingEmail e) {
        OutgoingEmail.Engagement g = e.engagement();
        return new OutgoingEmailResponse(e.id().toString(), e.activityId().toString(), e.messageId(), e.state(),
                e.from(), e.to(), e.cc(), e.subject(), e.body(), e.htmlBody(), e.attempts(),
                e.lastError(), e.state().equals("queued") ? e.nextAttemptAt() : null, e.createdAt(), e.sentAt(),
                new Engagement(g.openCount(), g.machineOpenCount(), g.firstOpenedAt(), g.lastOpenedAt(), g.clickCount(),
                        g.unsubscribedAt()));
    }
}
