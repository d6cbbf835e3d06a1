package org.tesseracrm.web.api.imports;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How an uploaded import runs. */
@Schema(name = "ImportStartInput", example = "{\"mapping\": {\"E-mail\": \"email\", \"Surname\": \"lastName\","
        + " \"Company\": \"accountName\"}, \"matchBy\": \"email\", \"duplicates\": \"update\","
        + " \"saveMapping\": true}")
public record ImportStartInput(
        @Schema(description = "Header -> field (a contact field, customFields.<name>, or null to leave the column"
                + " out); a header not named is left out. Absent: the guess shown after the upload") Map<String, String> mapping,
        @Schema(description = "email, externalId or none (default: email if mapped, else externalId if mapped, else none)") String matchBy,
        @Schema(description = "What a row matching an existing contact does: update (default; empty cells leave fields as they are), skip, or create (a new contact, refused if its e-mail or externalId is taken)") String duplicates,
        @Schema(description = "Keep this mapping as the guess for this tenant's next upload (default false)") Boolean saveMapping) {

    static final Set<String> FIELDS = Set.of("mapping", "matchBy", "duplicates", "saveMapping");
}
