package org.tesseracrm.web.api.mail;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An e-mail to send from the CRM to a lead or contact. */
@Schema(name = "OutgoingEmailInput", example = "{\"subject\": \"Your proposal\", \"body\": \"Hi Nancy, attached ...\"}")
public record OutgoingEmailInput(
        @Schema(description = "Recipients; the lead's or contact's own address when absent or empty") List<String> to,
        List<String> cc,
        @Schema(maxLength = 500, description = "One line; required unless templateId is given") String subject,
        @Schema(maxLength = 100000, description = "Plain text; required unless templateId is given") String body,
        @Schema(maxLength = 500000, description = "Optional HTML part; without it the text is sent as HTML too, so"
                + " that opens and clicks can be tracked") String htmlBody,
        @Schema(description = "An e-mail template filled in for the recipient, instead of subject and body") String templateId) {
}
