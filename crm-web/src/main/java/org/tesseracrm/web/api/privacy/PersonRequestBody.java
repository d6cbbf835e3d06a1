package org.tesseracrm.web.api.privacy;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whom a privacy request is about. Read as JSON by the resource. */
@Schema(name = "PersonRequest", example = "{\"email\": \"jane.doe@example.com\"}")
public record PersonRequestBody(
        @Schema(format = "email", description = "Every contact and lead with this address, deleted ones included") String email,
        @Schema(description = "Contacts of the person besides (at most 100)") List<String> contactIds,
        @Schema(description = "Leads of the person besides (at most 100)") List<String> leadIds) {
}
