package org.tesseracrm.web.api.customfield;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new custom field: on which object, its name and label, type, choices for choice fields, required or not. */
@Schema(name = "CustomFieldInput", example = "{\"objectType\": \"contact\", \"name\": \"segment\", \"label\":"
        + " \"Segment\", \"fieldType\": \"choice\", \"choices\": [\"retail\", \"wholesale\"]}")
public record CustomFieldInput(
        @Schema(required = true, enumeration = {
                "contact", "account", "lead", "deal"}) String objectType,
        @Schema(required = true) String name, String label,
        @Schema(required = true, enumeration = {"text", "number", "date", "boolean", "choice"}) String fieldType,
        List<String> choices, Boolean required){
}
