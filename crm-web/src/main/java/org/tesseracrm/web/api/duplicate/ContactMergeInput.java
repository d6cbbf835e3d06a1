package org.tesseracrm.web.api.duplicate;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which contact stays, which goes into it, and which side each field's value comes from. */
@Schema(name = "ContactMergeInput", example = "{\"survivorId\": \"7b0c…\", \"mergedId\": \"9e1f…\", \"take\":"
        + " {\"email\": \"merged\", \"title\": \"survivor\"}}")
public record ContactMergeInput(
        @Schema(required = true, description = "The contact that stays (its id stays)") String survivorId,
        @Schema(required = true, description = "The contact merged into it and deleted") String mergedId,
        @Schema(description = "field -> survivor or merged, for firstName, lastName, email, phone, title, tier, owner,"
                + " accountId, timeZone, externalId, lastContactAt. A field not named keeps the survivor's value, or"
                + " takes the merged one's where the survivor has none; tags and custom fields are united") Map<String, String> take) {

    static final Set<String> FIELDS = Set.of("survivorId", "mergedId", "take");
}
