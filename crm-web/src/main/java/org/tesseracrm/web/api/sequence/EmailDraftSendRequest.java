package org.tesseracrm.web.api.sequence;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The sender's edits before sending; absent fields keep the draft's ({@code {}} sends it as written). */
@Schema(name = "EmailDraftSendRequest", example = "{\"body\": \"Hi Lee, as promised on the phone: …\"}")
public record EmailDraftSendRequest(@Schema(maxLength = 500) String subject,
        @Schema(maxLength = 100000) String body,
        @Schema(maxLength = 500000, description = "Empty removes the HTML part") String htmlBody) {
}
