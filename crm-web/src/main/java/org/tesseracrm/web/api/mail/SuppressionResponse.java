package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.SuppressedAddress;

/** An address the tenant sends nothing to, and why. */
@Schema(name = "SuppressionResponse")
public record SuppressionResponse(@Schema(description = "In lower case") String address,
        @Schema(enumeration = {
                "unsubscribe", "hard-bounce", "spam-report", "manual"}) String reason,
        @Schema(description = "The e-mail whose link or bounce put it here") String outgoingEmailId,
        OffsetDateTime createdAt, @Schema(description = "A user, or 'recipient' for an unsubscribe") String createdBy){

    static SuppressionResponse of(SuppressedAddress a) {
        return new SuppressionResponse(a.address(), a.reason(), a.outboxId() == null ? null : a.outboxId().toString(),
                a.createdAt(), a.createdBy());
    }
}
