package org.tesseracrm.web.api.duplicate;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact about to be created (or any person), to compare with the live contacts. */
@Schema(name = "DuplicateCheckInput", example = "{\"firstName\": \"Nancy\", \"lastName\": \"Miller\", \"email\":"
        + " \"nancy@example.com\", \"phone\": \"+49 30 1234567\"}")
public record DuplicateCheckInput(String firstName, String lastName, String email,
        @Schema(description = "Compared once normalised (E.164 where it parses)") String phone,
        @Schema(description = "A similar name at the same account scores higher") String accountId) {

    static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "accountId");
}
