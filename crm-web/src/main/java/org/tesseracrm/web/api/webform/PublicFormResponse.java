package org.tesseracrm.web.api.webform;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published form as a visitor's page loads it: its fields, where to send it, and the token to send with it. */
@Schema(name = "PublicForm")
public record PublicFormResponse(String name, List<WebFormResponse.FormField> fields,
        @Schema(description = "POST the fields here, with token as _token and the honeypot field left empty") String submitUrl,
        @Schema(description = "The signed time the form was loaded; valid 24 h, and not sooner than 3 s") String token,
        @Schema(description = "The hidden field that must stay empty (bots fill it in)") String honeypot) {
}
