package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A template to create, or to replace (then with the version read). */
@Schema(name = "EmailTemplateRequest", example = "{\"name\": \"First touch\", \"subject\": \"Hello {{contact.firstName}}\","
        + " \"body\": \"Hi {{#contact.firstName}}{{contact.firstName}}{{/contact.firstName}}"
        + "{{^contact.firstName}}there{{/contact.firstName}},\\n\\n{{sender.name}}\"}")
public record EmailTemplateRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, maxLength = 500, description = "One line; merge fields allowed") String subject,
        @Schema(required = true, maxLength = 100000, description = "Plain text; merge fields allowed") String body,
        @Schema(maxLength = 500000, description = "Optional HTML part; merge fields allowed, their values HTML-escaped") String htmlBody,
        @Schema(description = "Required when replacing: the version you read") Long version) {
}
