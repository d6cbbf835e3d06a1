package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.EmailEvent;

/** An open, click or unsubscribe of an e-mail, as its tracking link reported it. */
@Schema(name = "EmailEventResponse")
public record EmailEventResponse(@Schema(enumeration = {
        "open", "click", "unsubscribe"}) String kind,
        OffsetDateTime occurredAt,
        @Schema(description = "Set when the event was judged a machine's and not counted: head-request, no-user-agent,"
                + " apple-privacy-proxy, scanner-user-agent, too-soon") String machineReason,
        @Schema(description = "The address a click led to") String url, String userAgent){

    static EmailEventResponse of(EmailEvent e) {
        return new EmailEventResponse(e.kind(), e.occurredAt(), e.machineReason(), e.url(), e.userAgent());
    }
}
